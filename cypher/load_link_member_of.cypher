// Create MEMBER_OF relationships Actor -> Campus from seed records (the old ones were deleted first).
// Params: $rows (list of {a, b, props}). Returns: count.
UNWIND $rows AS r
MATCH (a:Actor {id: r.a})
MATCH (b:Campus {id: r.b})
CREATE (a)-[rel:MEMBER_OF]->(b)
SET rel += r.props
RETURN count(rel) AS count
