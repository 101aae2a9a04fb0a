// The seed keys ("Label:key") of the seed nodes in the graph, so a load can remove stale ones.
// Params: none. Returns: key.
MATCH (n)
WHERE n.seed = true
RETURN n.seed_key AS key
