// Delete the offers of an actor for a diploma in a modality (at a site, if given); log it.
// No row, and no log, when there was nothing to delete.
// Params: $actor, $diploma, $modality, $site, $change. Returns: deleted.
MATCH (a:Actor {id: $actor})-[o:OFFERS]->(d:Diploma {code: $diploma})
WHERE o.modality = $modality AND ($site IS NULL OR o.site = $site)
DELETE o
WITH count(*) AS deleted
WHERE deleted > 0
CREATE (ch:Change)
SET ch += $change
RETURN deleted
