// Establishments, diplomas, communes and ROME jobs an import may write, grouped by label and
// seed / import marks (to report what it creates, updates and removes).
// Params: none. Returns: label, seed, imported, keys (list).
MATCH (n)
WHERE (n:Actor AND n.uai IS NOT NULL) OR n:Diploma OR n:Site OR n:Job
WITH labels(n)[0] AS label, coalesce(n.seed, false) AS seed,
     coalesce(n.imported, false) AS imported,
     CASE WHEN n:Actor THEN n.uai WHEN n:Diploma OR n:Job THEN n.code ELSE n.insee END AS key
RETURN label, seed, imported, collect(key) AS keys
