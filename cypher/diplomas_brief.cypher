// Short descriptions of the given diplomas (the starts of a pathway search).
// Params: $codes. Returns: d (map).
MATCH (d:Diploma)
WHERE d.code IN $codes
RETURN d {.code, .name, .type, .level, .nsf} AS d
