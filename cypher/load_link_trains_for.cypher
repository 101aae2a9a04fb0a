// Create TRAINS_FOR relationships Diploma -> Sector from seed records (the old ones were deleted first).
// Params: $rows (list of {a, b, props}). Returns: count.
UNWIND $rows AS r
MATCH (a:Diploma {code: r.a})
MATCH (b:Sector {id: r.b})
CREATE (a)-[rel:TRAINS_FOR]->(b)
SET rel += r.props
RETURN count(rel) AS count
