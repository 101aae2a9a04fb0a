// Delete every relationship written by a previous open-data import (they are all recreated
// next, in the same atomic batch). Relationships written by seeds are never touched.
// Params: none. Returns: deleted (int).
MATCH ()-[r]->()
WHERE r.origin = 'import'
DELETE r
RETURN count(r) AS deleted
