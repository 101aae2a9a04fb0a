// Actors and platforms with their campus roles, for the isolation checks: those of the
// territory when $restrict is true (the exact radius test is done in Python), else those of
// $ids when set, else every one.
// Params: $ids, $restrict, $departements, $region, $campus, $min_lat, $max_lat, $min_lon,
// $max_lon. Returns: label, id, name, kind, campuses, departement, region_code, lat, lon,
// roles, source, described (false: no directory names it, graph/gaps/partnerships.py),
// commune (for titles: several « Lycée Saint Joseph » in the Nord), commune_from ("coordinates":
// only near it, graph/ingest/opendata/named_commune.py).
// Each label matched on its own (UNION ALL: a node is an Actor or a Platform, never both):
// `MATCH (n) WHERE n:Actor OR n:Platform` scanned every node of the graph (46 000 nodes on
// the synthetic national graph for 10 000 actors; docs/performance.md, gaps25).
MATCH (n:Actor)
WHERE ($ids IS NULL OR n.id IN $ids)
  AND (NOT $restrict OR (
        ($departements IS NULL OR n.departement IN $departements)
    AND ($region IS NULL OR n.region_code = $region)
    AND ($campus IS NULL OR $campus IN n.campuses)
    AND ($min_lat IS NULL OR (n.lat >= $min_lat AND n.lat <= $max_lat
                              AND n.lon >= $min_lon AND n.lon <= $max_lon))))
OPTIONAL MATCH (n)-[m:MEMBER_OF]->(c:Campus)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.kind AS kind,
       n.campuses AS campuses, n.departement AS departement, n.region_code AS region_code,
       n.lat AS lat, n.lon AS lon, collect(c.id) AS roles, n.source AS source,
       n.described AS described, n.commune AS commune,
       n.commune_from AS commune_from
UNION ALL
MATCH (n:Platform)
WHERE ($ids IS NULL OR n.id IN $ids)
  AND (NOT $restrict OR (
        ($departements IS NULL OR n.departement IN $departements)
    AND ($region IS NULL OR n.region_code = $region)
    AND ($campus IS NULL OR $campus IN n.campuses)
    AND ($min_lat IS NULL OR (n.lat >= $min_lat AND n.lat <= $max_lat
                              AND n.lon >= $min_lon AND n.lon <= $max_lon))))
OPTIONAL MATCH (n)-[m:MEMBER_OF]->(c:Campus)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.kind AS kind,
       n.campuses AS campuses, n.departement AS departement, n.region_code AS region_code,
       n.lat AS lat, n.lon AS lon, collect(c.id) AS roles, n.source AS source,
       n.described AS described, n.commune AS commune,
       n.commune_from AS commune_from
