// Nodes only a previous import wrote and this one no longer does: delete them (with their
// relationships). Runs after this import's nodes are written.
// Params: $run (this import's run key). Returns: deleted (int).
MATCH (n)
WHERE n.imported = true AND coalesce(n.import_run, '') <> $run AND NOT coalesce(n.seed, false)
DETACH DELETE n
RETURN count(*) AS deleted
