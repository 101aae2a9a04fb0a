// Actors and platforms named by a campus's data.
// Params: $campus. Returns: label, id, name, kind, commune, commune_from ("coordinates": only
// near it), departement, lat, lon, role.
MATCH (n)
WHERE (n:Actor OR n:Platform) AND $campus IN n.campuses
OPTIONAL MATCH (n)-[m:MEMBER_OF]->(:Campus {id: $campus})
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.kind AS kind, n.commune AS commune,
       n.commune_from AS commune_from,
       n.departement AS departement, n.lat AS lat, n.lon AS lon, m.role AS role
