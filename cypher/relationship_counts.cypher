// Relationship counts per type.
// Params: none. Returns: type, count.
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type
