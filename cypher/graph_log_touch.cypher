// Record what a write touched (graph/touched.py): the first statement of every write's
// transaction on the Neo4j store (FalkorDB keeps this log in Redis). The log's sequence moves
// by one and its entry says what the write touched ("" when it does not say: anything may have
// changed), committed with the write or not at all; the node's lock, taken first and held to
// the commit, puts the writes in the log in the order of their commits.
// Params: $epoch (the id a new log gets), $entry (graph.touched.Touched as JSON, or ""),
// $keep (the number of entries kept). Returns: epoch, seq.
MERGE (l:GraphLog {key: 'touched'})
ON CREATE SET l.epoch = $epoch, l.seq = 0, l.entries = []
SET l.seq = l.seq + 1,
    l.entries = CASE WHEN size(l.entries) >= $keep THEN l.entries[1..] ELSE l.entries END
                + [$entry]
RETURN l.epoch AS epoch, l.seq AS seq
