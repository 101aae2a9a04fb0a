// Diplomas of a level, optionally training for a sector (id or ROME code: a seed sector's, or
// one of the diploma's own Certif Info jobs, rome_codes): pathway starts.
// Params: $level, $sector. Returns: code.
// (No pattern comprehension inside any(): FalkorDB cannot resolve it, "filtered alias".)
MATCH (d:Diploma)
WHERE d.level = $level
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
WITH d, collect(s) AS sectors
WHERE $sector IS NULL OR $sector IN coalesce(d.rome_codes, [])
   OR any(s IN sectors WHERE s.id = $sector OR $sector IN s.rome)
RETURN d.code AS code
