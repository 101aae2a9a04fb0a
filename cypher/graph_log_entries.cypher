// The log of graph/touched.py with its entries: entries[i] is what write number
// seq - size(entries) + 1 + i touched (JSON). No row when there is no log.
// Params: none. Returns: epoch, seq, entries.
MATCH (l:GraphLog {key: 'touched'})
RETURN l.epoch AS epoch, l.seq AS seq, l.entries AS entries
