// A filtered, paginated page of passerelles (first-class bridges between programmes).
// Params: $campus, $kind, $origin, $diploma (code at either end), $skip, $limit. Returns: total, items.
MATCH (p:Passerelle)
WHERE ($campus IS NULL OR p.campus = $campus)
  AND ($kind IS NULL OR p.kind = $kind)
  AND ($origin IS NULL OR p.origin = $origin)
  AND ($diploma IS NULL OR $diploma IN p.from_codes OR $diploma IN p.to_codes)
WITH p
ORDER BY p.id
WITH collect(p {.id, .kind, .origin, .campus, .rate, .entrant_share, .reserved_share,
                .conditions, .modality, .description, .from_codes, .to_codes, .parties,
                .rule, .source, .scope, scope_actors: coalesce(p.scope_actors, []),
                scope_departements: coalesce(p.scope_departements, [])}) AS rows
RETURN size(rows) AS total, rows[$skip..($skip + $limit)] AS items
