// Delete the seed nodes whose record left the seed files.
// Params: $stale (list of "Label:key" seed keys, computed by the loader). Returns: deleted.
UNWIND $stale AS key
MATCH (n)
WHERE n.seed = true AND n.seed_key = key
DETACH DELETE n
RETURN count(*) AS deleted
