// Create LOCATED_IN relationships Platform -> Site from seed records (the old ones were deleted first).
// Params: $rows (list of {a, b, props}). Returns: count.
UNWIND $rows AS r
MATCH (a:Platform {id: r.a})
MATCH (b:Site {insee: r.b})
CREATE (a)-[rel:LOCATED_IN]->(b)
SET rel += r.props
RETURN count(rel) AS count
