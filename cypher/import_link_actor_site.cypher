// Create LOCATED_IN relationships Actor -> Site for imported establishments that no seed
// describes (a seed actor keeps its seed location).
// Params: $rows (list of {uai, insee}). Returns: count.
UNWIND $rows AS r
MATCH (a:Actor {uai: r.uai})
WHERE NOT coalesce(a.seed, false)
MATCH (s:Site {insee: r.insee})
CREATE (a)-[rel:LOCATED_IN]->(s)
SET rel.origin = 'import', rel.source = a.imported_source
RETURN count(rel) AS count
