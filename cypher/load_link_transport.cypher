// Create TRANSPORT_LINK relationships Site -> Site from seed records (the old ones were deleted first).
// Params: $rows (list of {a, b, props}). Returns: count.
UNWIND $rows AS r
MATCH (a:Site {insee: r.a})
MATCH (b:Site {insee: r.b})
CREATE (a)-[rel:TRANSPORT_LINK]->(b)
SET rel += r.props
RETURN count(rel) AS count
