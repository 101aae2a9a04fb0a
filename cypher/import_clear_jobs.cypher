// Delete the ROME job reference a previous import wrote (Job nodes: the import alone writes
// them, no seed or edit does); this import writes every code of its rome.csv again next, in
// the same atomic batch, so a code its files no longer list is gone (and none is left when it
// reads no rome.csv). Params: none. Returns: deleted (int).
MATCH (j:Job)
DETACH DELETE j
RETURN count(*) AS deleted
