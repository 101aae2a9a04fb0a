// Node counts per label, for /health and /about.
// Params: none. Returns: label, count.
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS count
ORDER BY label
