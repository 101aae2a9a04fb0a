// Relationships written by the previous open-data import, per type.
// Params: none. Returns: type, count.
MATCH ()-[r]->()
WHERE r.origin = 'import'
RETURN type(r) AS type, count(*) AS count
ORDER BY type
