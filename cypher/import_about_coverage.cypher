// Imported establishments by where their name comes from (the first directory describing
// them, or none: named by their UAI) and how they are placed (coords_precision: establishment,
// commune, or unknown), for /about. Params: none. Returns: named_by, located_by, count.
MATCH (a:Actor)
WHERE a.imported = true
RETURN CASE WHEN size(coalesce(a.described_by, [])) > 0 THEN a.described_by[0]
            ELSE 'UAI only' END AS named_by,
       coalesce(a.coords_precision, 'unknown') AS located_by,
       count(*) AS count
ORDER BY named_by, located_by
