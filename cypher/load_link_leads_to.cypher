// Create LEADS_TO relationships Diploma -> Diploma from seed records (the old ones were deleted first).
// Params: $rows (list of {a, b, props}). Returns: count.
UNWIND $rows AS r
MATCH (a:Diploma {code: r.a})
MATCH (b:Diploma {code: r.b})
CREATE (a)-[rel:LEADS_TO]->(b)
SET rel += r.props
RETURN count(rel) AS count
