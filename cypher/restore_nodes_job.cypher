// Restore Job nodes (the ROME job reference) from a backup file (graph/backup.py); the graph
// was emptied first. Params: $rows (list of {props}, props holding the business key code).
// Returns: count.
UNWIND $rows AS r
CREATE (n:Job)
SET n += r.props
RETURN count(n) AS count
