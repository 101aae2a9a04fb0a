// A filtered, paginated page of sites (communes) with what is located there.
// Params: $departement, $campus, $q, $words (the words of $q), $skip, $limit. Returns: total, items.
MATCH (s:Site)
WHERE ($departement IS NULL OR s.departement = $departement)
  AND ($q IS NULL OR all(w IN $words WHERE s.name_norm CONTAINS w) OR s.insee = $q)
OPTIONAL MATCH (a:Actor)-[:LOCATED_IN]->(s)
WITH s, collect(a) AS actors
WHERE $campus IS NULL OR any(x IN actors WHERE $campus IN x.campuses)
WITH s, size(actors) AS actor_count
ORDER BY s.name, s.insee
WITH collect(s {.insee, .name, .departement, .region_code, .lat, .lon, .source, .facts_json,
                actors: actor_count}) AS rows
RETURN size(rows) AS total, rows[$skip..($skip + $limit)] AS items
