// Create WORKS_ON relationships Actor -> Sector from seed records (the old ones were deleted first).
// Params: $rows (list of {a, b, props}). Returns: count.
UNWIND $rows AS r
MATCH (a:Actor {id: r.a})
MATCH (b:Sector {id: r.b})
CREATE (a)-[rel:WORKS_ON]->(b)
SET rel += r.props
RETURN count(rel) AS count
