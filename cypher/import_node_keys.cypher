// The keys of the nodes the import upserts, on the graph it writes (FalkorDB only runs it,
// before creating the nodes that do not exist yet with GRAPH.BULK, which checks no key: see
// graph.store.BulkNodes): one row per label, its keys as one list.
// Params: none. Returns: label ('Actor', 'Diploma', 'Site', 'Passerelle'), keys (list).
MATCH (a:Actor)
WHERE a.uai IS NOT NULL
RETURN 'Actor' AS label, collect(a.uai) AS keys
UNION ALL
MATCH (d:Diploma)
RETURN 'Diploma' AS label, collect(d.code) AS keys
UNION ALL
MATCH (s:Site)
RETURN 'Site' AS label, collect(s.insee) AS keys
UNION ALL
MATCH (p:Passerelle)
RETURN 'Passerelle' AS label, collect(p.id) AS keys
