// Seed diplomas as the inference rules see them: type, level, NSF group, the filières they
// train for, whether a seed offer teaches them by apprenticeship, and where they belong: the
// départements of the campuses whose files describe them and of their seed offers (a campus
// programme's territory, graph.inference.rules.programme_territory).
// Params: none. Returns: code, type, level, nsf, fields (list), apprenticeship (bool),
// campus_departements (list of lists), offer_departements (list).
MATCH (d:Diploma)
WHERE d.seed = true
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector {kind: 'filiere'})
WITH d, collect(s.id) AS fields
OPTIONAL MATCH (c:Campus)
WHERE c.id IN coalesce(d.campuses, [])
WITH d, fields, collect(c.departements) AS campus_departements
OPTIONAL MATCH (:Actor)-[o:OFFERS]->(d)
WHERE o.origin = 'seed'
WITH d, fields, campus_departements, collect(o.departement) AS offer_departements,
     collect(o.modality) AS modalities
RETURN d.code AS code, d.type AS type, d.level AS level, d.nsf AS nsf, fields,
       'apprenticeship' IN modalities AS apprenticeship, campus_departements,
       offer_departements
