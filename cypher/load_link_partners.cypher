// Create PARTNERS_WITH relationships Actor -> Actor from seed records (the old ones were deleted first).
// Params: $rows (list of {a, b, props}). Returns: count.
UNWIND $rows AS r
MATCH (a:Actor {id: r.a})
MATCH (b:Actor {id: r.b})
CREATE (a)-[rel:PARTNERS_WITH]->(b)
SET rel += r.props
RETURN count(rel) AS count
