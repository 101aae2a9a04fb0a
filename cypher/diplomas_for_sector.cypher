// Diplomas that train for a sector, given by its id or by one of its ROME codes: those a
// sector of the seeds ties to it (TRAINS_FOR), those whose Certif Info jobs include the
// ROME code (rome_codes, the national import), and, for a sector given by its id, those whose
// Certif Info jobs include one of the sector's ROME codes: a job goal holds all over France
// (the Mecanic Vallée's second « Soudeurs » row, tagged on no diploma, is the job H2913).
// Params: $sector. Returns: code.
MATCH (d:Diploma)-[:TRAINS_FOR]->(s:Sector)
WHERE s.id = $sector OR $sector IN s.rome
RETURN d.code AS code
UNION
MATCH (d:Diploma)
WHERE $sector IN d.rome_codes
RETURN d.code AS code
UNION
MATCH (s:Sector {id: $sector})
UNWIND coalesce(s.rome, []) AS rome
MATCH (d:Diploma)
WHERE rome IN d.rome_codes
RETURN d.code AS code
