// Delete an actor and its relationships, take it out of the parties of its passerelles, and
// log the change (no row, no log, if there was no such actor).
// Params: $id, $change. Returns: deleted.
MATCH (a:Actor {id: $id})
OPTIONAL MATCH (p:Passerelle)
WHERE $id IN p.parties
WITH a, collect(p) AS bound
FOREACH (x IN bound | SET x.parties = [y IN x.parties WHERE y <> $id])
DETACH DELETE a
WITH count(*) AS deleted
WHERE deleted > 0
CREATE (ch:Change)
SET ch += $change
RETURN deleted
