// Delete the partnerships of a kind between two actors (either direction), and log it.
// No row, and no log, when there was nothing to delete.
// Params: $a, $b, $kind, $change. Returns: deleted.
MATCH (a:Actor {id: $a})-[r:PARTNERS_WITH]-(b:Actor {id: $b})
WHERE r.kind = $kind
DELETE r
WITH count(*) AS deleted
WHERE deleted > 0
CREATE (ch:Change)
SET ch += $change
RETURN deleted
