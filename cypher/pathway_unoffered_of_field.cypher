// The diplomas of a level and NSF group that no establishment of the graph offers (no OFFERS
// relationship at all) and the BCN has not closed: a goal level's diplomas the public files
// never list (the brevets professionnels, prepared in apprenticeship), named beside the
// pathways, never proposed (graph/pathways/unoffered_goals.py).
// Params: $level, $nsf. Returns: d (map).
MATCH (d:Diploma)
WHERE d.level = $level AND d.nsf = $nsf AND coalesce(d.closed, false) = false
  AND NOT (d)<-[:OFFERS]-(:Actor)
RETURN d {.code, .name, .type, .level, .nsf} AS d
ORDER BY d.code
