// The end nodes of the import's FROM_DIPLOMA and TO_DIPLOMA written in bulk (FalkorDB only
// runs it: GRAPH.BULK names nodes by internal id, graph/engines/falkordb_bulk.py): every
// passerelle by id and every diploma by code, with its id, as two lists per side. Run on the
// staging graph once the nodes are written.
// Params: none. Returns: side ('start': the Passerelles, 'end': the Diplomas), keys, ids
// (lists, in step).
MATCH (p:Passerelle)
RETURN 'start' AS side, collect(p.id) AS keys, collect(id(p)) AS ids
UNION ALL
MATCH (d:Diploma)
RETURN 'end' AS side, collect(d.code) AS keys, collect(id(d)) AS ids
