// Create an offer (actor offers diploma at a site, in a modality), and log the change.
// No row, and no log, when the actor, the diploma or the site is missing.
// Params: $actor, $diploma, $site, $props (map), $change. Returns: count.
MATCH (a:Actor {id: $actor})
MATCH (d:Diploma {code: $diploma})
MATCH (s:Site {insee: $site})
CREATE (a)-[o:OFFERS]->(d)
SET o += $props
WITH count(o) AS count
WHERE count > 0
CREATE (ch:Change)
SET ch += $change
RETURN count
