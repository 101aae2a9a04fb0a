// Diplomas of a level, optionally training for a sector (id or ROME code: a seed sector's, or
// one of the diploma's own Certif Info jobs, rome_codes; a sector given by its id also by its
// own ROME codes, as a job goal: cypher/diplomas_for_sector.cypher): pathway starts.
// Params: $level, $sector. Returns: code.
// (No pattern comprehension inside any(): FalkorDB cannot resolve it, "filtered alias".)
OPTIONAL MATCH (asked:Sector {id: $sector})
WITH coalesce(asked.rome, []) AS asked_rome
MATCH (d:Diploma)
WHERE d.level = $level
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
WITH d, asked_rome, collect(s) AS sectors
WHERE $sector IS NULL OR $sector IN coalesce(d.rome_codes, [])
   OR any(r IN asked_rome WHERE r IN coalesce(d.rome_codes, []))
   OR any(s IN sectors WHERE s.id = $sector OR $sector IN s.rome)
RETURN d.code AS code
