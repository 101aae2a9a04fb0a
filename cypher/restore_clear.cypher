// First statement of a restore (graph/backup.py): empty the graph. Runs inside the same
// all-or-nothing write as the rest of the restore.
// Params: none. Returns: deleted.
MATCH (n)
DETACH DELETE n
RETURN count(*) AS deleted
