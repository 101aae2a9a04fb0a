// Diplomas of a level, optionally training for a sector (id or ROME code): pathway starts.
// Params: $level, $sector. Returns: code.
// (No pattern comprehension inside any(): FalkorDB cannot resolve it, "filtered alias".)
MATCH (d:Diploma)
WHERE d.level = $level
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
WITH d, collect(s) AS sectors
WHERE $sector IS NULL OR any(s IN sectors WHERE s.id = $sector OR $sector IN s.rome)
RETURN d.code AS code
