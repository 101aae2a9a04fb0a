// Delete an actor and its relationships, and log the change.
// Params: $id, $change. Returns: deleted.
MATCH (a:Actor {id: $id})
DETACH DELETE a
WITH count(*) AS deleted
CREATE (ch:Change)
SET ch += $change
RETURN deleted
