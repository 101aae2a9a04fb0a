// The end nodes of the import's LOCATED_IN written in bulk (FalkorDB only runs it: GRAPH.BULK
// names nodes by internal id, graph/engines/falkordb_bulk.py): the establishments no seed
// describes by UAI (import_link_actor_site's MATCH) and every commune by INSEE code, with
// their ids, as two lists per side. Run on the staging graph once the nodes are written.
// Params: none. Returns: side ('start': the Actors, 'end': the Sites), keys, ids (lists, in
// step).
MATCH (a:Actor)
WHERE a.uai IS NOT NULL AND NOT coalesce(a.seed, false)
RETURN 'start' AS side, collect(a.uai) AS keys, collect(id(a)) AS ids
UNION ALL
MATCH (s:Site)
RETURN 'end' AS side, collect(s.insee) AS keys, collect(id(s)) AS ids
