// The change log, newest first.
// Params: $target (label:key or null), $skip, $limit. Returns: total, items.
MATCH (c:Change)
WHERE $target IS NULL OR c.target = $target
WITH c
ORDER BY c.at DESC, c.id
WITH collect(c {.id, .at, .by, .action, .target, .source, .payload_json}) AS rows
RETURN size(rows) AS total, rows[$skip..($skip + $limit)] AS items
