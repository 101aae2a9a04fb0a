// Seed diplomas as the inference rules see them: type, level, NSF group, the filières they
// train for, and whether a seed offer teaches them by apprenticeship.
// Params: none. Returns: code, type, level, nsf, fields (list), apprenticeship (bool).
MATCH (d:Diploma)
WHERE d.seed = true
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector {kind: 'filiere'})
WITH d, collect(s.id) AS fields
RETURN d.code AS code, d.type AS type, d.level AS level, d.nsf AS nsf, fields,
       size([(:Actor)-[o:OFFERS {modality: 'apprenticeship'}]->(d) WHERE o.origin = 'seed' | 1])
         > 0 AS apprenticeship
