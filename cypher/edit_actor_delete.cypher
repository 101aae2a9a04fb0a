// Delete an actor and its relationships, and log the change (no row, no log, if none).
// Params: $id, $change. Returns: deleted.
MATCH (a:Actor {id: $id})
DETACH DELETE a
WITH count(*) AS deleted
WHERE deleted > 0
CREATE (ch:Change)
SET ch += $change
RETURN deleted
