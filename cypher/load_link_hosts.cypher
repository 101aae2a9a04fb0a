// Create HOSTS relationships Actor -> Platform from seed records (the old ones were deleted first).
// Params: $rows (list of {a, b, props}). Returns: count.
UNWIND $rows AS r
MATCH (a:Actor {id: r.a})
MATCH (b:Platform {id: r.b})
CREATE (a)-[rel:HOSTS]->(b)
SET rel += r.props
RETURN count(rel) AS count
