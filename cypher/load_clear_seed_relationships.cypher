// Delete every relationship written by a previous seed load (they are all recreated next).
// Params: none. Returns: deleted (int).
MATCH ()-[r]->()
WHERE r.origin = 'seed'
DELETE r
RETURN count(r) AS deleted
