// Seed nodes a previous import enriched and this one no longer covers: remove the import's
// properties, keep every seed fact. Runs after this import's nodes are written.
// Params: $run (this import's run key), $clear (map of every import property name to null).
// Returns: unmarked (int).
MATCH (n)
WHERE n.imported = true AND coalesce(n.import_run, '') <> $run AND coalesce(n.seed, false)
SET n += $clear
RETURN count(n) AS unmarked
