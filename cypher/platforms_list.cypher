// A filtered, paginated page of platforms (PFT, fab-labs, plateaux, research platforms).
// Params: $kind, $campus, $q, $words (the words of $q), $skip, $limit. Returns: total, items.
MATCH (p:Platform)
WHERE ($kind IS NULL OR p.kind = $kind)
  AND ($campus IS NULL OR $campus IN p.campuses)
  AND ($q IS NULL OR all(w IN $words WHERE p.name_norm CONTAINS w) OR p.id = $q)
OPTIONAL MATCH (h:Actor)-[:HOSTS]->(p)
OPTIONAL MATCH (p)-[:WORKS_ON]->(s:Sector)
WITH p, collect(DISTINCT h {.id, .name, .kind}) AS hosts, collect(DISTINCT s.id) AS sectors
ORDER BY p.name, p.id
WITH collect(p {.id, .name, .kind, .description, .commune, .insee, .departement, .lat, .lon,
                .campuses, .source, .facts_json, hosts: hosts, sectors: sectors}) AS rows
RETURN size(rows) AS total, rows[$skip..($skip + $limit)] AS items
