// Node counts per label, for /health and /about (not the Neo4j store's bookkeeping GraphLog).
// Params: none. Returns: label, count.
MATCH (n)
WHERE NOT n:GraphLog
RETURN labels(n)[0] AS label, count(*) AS count
ORDER BY label
