// Delete a passerelle and its LEADS_TO legs, and log the change (no row, no log, if none).
// Params: $id, $change. Returns: deleted.
MATCH (p:Passerelle {id: $id})
OPTIONAL MATCH ()-[l:LEADS_TO {passerelle_id: $id}]->()
WITH p, collect(l) AS legs
FOREACH (x IN legs | DELETE x)
DETACH DELETE p
WITH count(*) AS deleted
WHERE deleted > 0
CREATE (ch:Change)
SET ch += $change
RETURN deleted
