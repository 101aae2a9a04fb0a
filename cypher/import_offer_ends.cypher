// The end nodes of the import's offers written in bulk (FalkorDB only runs it: GRAPH.BULK
// names nodes by internal id, graph/engines/falkordb_bulk.py): every establishment by UAI and
// every diploma by code, with its id, as two lists per side (one row each: 15 000 rows would
// take longer to read). Run on the staging graph once the nodes are written.
// Params: none. Returns: side ('start': the Actors, 'end': the Diplomas), keys, ids (lists,
// in step).
MATCH (a:Actor)
WHERE a.uai IS NOT NULL
RETURN 'start' AS side, collect(a.uai) AS keys, collect(id(a)) AS ids
UNION ALL
MATCH (d:Diploma)
RETURN 'end' AS side, collect(d.code) AS keys, collect(id(d)) AS ids
