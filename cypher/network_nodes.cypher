// Actors and platforms named by a campus's data.
// Params: $campus. Returns: label, id, name, kind, commune, departement, lat, lon, role.
MATCH (n)
WHERE (n:Actor OR n:Platform) AND $campus IN n.campuses
OPTIONAL MATCH (n)-[m:MEMBER_OF]->(:Campus {id: $campus})
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.kind AS kind, n.commune AS commune,
       n.departement AS departement, n.lat AS lat, n.lon AS lon, m.role AS role
