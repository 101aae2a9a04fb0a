// The end nodes of the import's offers written in bulk (FalkorDB only runs it: GRAPH.BULK
// names nodes by internal id, graph/engines/falkordb_bulk.py): every establishment by UAI and
// every diploma by code, with its id. Run on the staging graph once the nodes are written.
// Params: none. Returns: side ('start': an Actor, 'end': a Diploma), key, id.
MATCH (a:Actor)
WHERE a.uai IS NOT NULL
RETURN 'start' AS side, a.uai AS key, id(a) AS id
UNION ALL
MATCH (d:Diploma)
RETURN 'end' AS side, d.code AS key, id(d) AS id
