// Delete seed nodes whose record is no longer in the seed files.
// Params: $keep (list of "Label:key" strings of the records being loaded). Returns: deleted.
MATCH (n)
WHERE n.seed = true AND NOT n.seed_key IN $keep
DETACH DELETE n
RETURN count(*) AS deleted
