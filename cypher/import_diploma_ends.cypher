// The end nodes of relationships between two diplomas written in bulk (the import's LEADS_TO;
// FalkorDB only runs it: GRAPH.BULK names nodes by internal id): every diploma by code, with
// its id, for both sides. Run on the staging graph once the nodes are written.
// Params: none. Returns: side ('start', 'end'), keys, ids (lists, in step; the same on both).
MATCH (d:Diploma)
WITH collect(d.code) AS keys, collect(id(d)) AS ids
UNWIND ['start', 'end'] AS side
RETURN side, keys, ids
