// Create HAS_DEMAND relationships Campus -> Sector from seed records (the old ones were deleted first).
// Params: $rows (list of {a, b, props}). Returns: count.
UNWIND $rows AS r
MATCH (a:Campus {id: r.a})
MATCH (b:Sector {id: r.b})
CREATE (a)-[rel:HAS_DEMAND]->(b)
SET rel += r.props
RETURN count(rel) AS count
