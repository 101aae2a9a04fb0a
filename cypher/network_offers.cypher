// Offers of a campus's actors, with the diplomas offered.
// Params: $campus. Returns: actor, code, name, type, level, modality, status.
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE $campus IN a.campuses
RETURN a.id AS actor, d.code AS code, d.name AS name, d.type AS type, d.level AS level,
       o.modality AS modality, o.status AS status
