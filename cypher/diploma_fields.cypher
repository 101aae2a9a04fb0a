// Filières (sector ids of kind 'filiere') each diploma trains for.
// Params: $codes. Returns: code, fields.
MATCH (d:Diploma)-[:TRAINS_FOR]->(s:Sector)
WHERE d.code IN $codes AND s.kind = 'filiere'
RETURN d.code AS code, collect(s.id) AS fields
