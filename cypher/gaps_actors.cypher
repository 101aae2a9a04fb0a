// Actors and platforms with their campus roles, for the isolation checks.
// Params: none. Returns: label, id, name, kind, campuses, departement, lat, lon, roles, source.
MATCH (n)
WHERE n:Actor OR n:Platform
OPTIONAL MATCH (n)-[m:MEMBER_OF]->(c:Campus)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.kind AS kind,
       n.campuses AS campuses, n.departement AS departement, n.lat AS lat, n.lon AS lon,
       collect(c.id) AS roles, n.source AS source
