// Diplomas that train for a sector, given by its id or by one of its ROME codes: those a
// sector of the seeds ties to it (TRAINS_FOR), and those whose Certif Info jobs include the
// ROME code (rome_codes, the national import): a job goal holds all over France.
// Params: $sector. Returns: code.
MATCH (d:Diploma)-[:TRAINS_FOR]->(s:Sector)
WHERE s.id = $sector OR $sector IN s.rome
RETURN d.code AS code
UNION
MATCH (d:Diploma)
WHERE $sector IN d.rome_codes
RETURN d.code AS code
