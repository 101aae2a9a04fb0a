// A filtered, paginated page of diplomas with how many offers they have.
// Params: $level, $type, $campus, $q, $words (the words of $q), $skip, $limit. Returns: total,
// items (code, name, official_name, type, level, nsf, nsf_groups, rncp, closed, closing_date, offers).
MATCH (d:Diploma)
WHERE ($level IS NULL OR d.level = $level)
  AND ($type IS NULL OR d.type = $type)
  AND ($q IS NULL OR all(w IN $words WHERE d.name_norm CONTAINS w) OR d.code = toUpper($q) OR d.rncp = toUpper($q))
OPTIONAL MATCH (a:Actor)-[o:OFFERS]->(d)
WITH d, collect(o) AS offers
WHERE $campus IS NULL OR $campus IN d.campuses OR any(x IN offers WHERE x.campus = $campus)
WITH d, size(offers) AS offer_count
ORDER BY d.level, d.name, d.code
WITH collect(d {.code, .name, .official_name, .type, .level, .nsf, .nsf_groups, .rncp, .closed, .closing_date,
                offers: offer_count}) AS rows
RETURN size(rows) AS total, rows[$skip..($skip + $limit)] AS items
