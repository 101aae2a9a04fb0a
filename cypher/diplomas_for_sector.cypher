// Diplomas that train for a sector, given by its id or by one of its ROME codes.
// Params: $sector. Returns: code.
MATCH (d:Diploma)-[:TRAINS_FOR]->(s:Sector)
WHERE s.id = $sector OR $sector IN s.rome
RETURN DISTINCT d.code AS code
