// Restore Change nodes from a backup file (graph/backup.py); the graph was emptied first.
// Params: $rows (list of {props}, props holding the business key id). Returns: count.
UNWIND $rows AS r
CREATE (n:Change)
SET n += r.props
RETURN count(n) AS count
