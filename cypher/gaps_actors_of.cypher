// The actors and platforms of $ids with their campus roles (the rows of gaps_actors), each
// looked up by its indexed id rather than every node of the graph scanned: the partners and
// co-signatories outside a territory that its report names.
// Params: $ids. Returns: label, id, name, kind, campuses, departement, region_code, lat, lon,
// roles, source, described (false: no directory names it, graph/gaps/partnerships.py),
// commune, commune_from.
MATCH (n:Actor)
WHERE n.id IN $ids
OPTIONAL MATCH (n)-[m:MEMBER_OF]->(c:Campus)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.kind AS kind,
       n.campuses AS campuses, n.departement AS departement, n.region_code AS region_code,
       n.lat AS lat, n.lon AS lon, collect(c.id) AS roles, n.source AS source,
       n.described AS described, n.commune AS commune,
       n.commune_from AS commune_from
UNION
MATCH (n:Platform)
WHERE n.id IN $ids
OPTIONAL MATCH (n)-[m:MEMBER_OF]->(c:Campus)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.kind AS kind,
       n.campuses AS campuses, n.departement AS departement, n.region_code AS region_code,
       n.lat AS lat, n.lon AS lon, collect(c.id) AS roles, n.source AS source,
       n.described AS described, n.commune AS commune,
       n.commune_from AS commune_from
