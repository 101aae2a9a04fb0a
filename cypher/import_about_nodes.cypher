// Nodes written or enriched by the open-data import, per label (for /about).
// Params: none. Returns: label, count.
MATCH (n)
WHERE n.imported = true
RETURN labels(n)[0] AS label, count(*) AS count
ORDER BY label
