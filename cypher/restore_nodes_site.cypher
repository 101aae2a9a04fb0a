// Restore Site nodes from a backup file (graph/backup.py); the graph was emptied first.
// Params: $rows (list of {props}, props holding the business key insee). Returns: count.
UNWIND $rows AS r
CREATE (n:Site)
SET n += r.props
RETURN count(n) AS count
