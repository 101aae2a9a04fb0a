// The log of graph/touched.py, read with the Neo4j store's version: its id and sequence (null
// when there is no log).
// Params: none. Returns: epoch, seq.
OPTIONAL MATCH (l:GraphLog {key: 'touched'})
RETURN l.epoch AS epoch, l.seq AS seq
