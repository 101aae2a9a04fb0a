// Create an offer (actor offers diploma at a site, in a modality), and log the change.
// Params: $actor, $diploma, $site, $props (map), $change. Returns: count.
MATCH (a:Actor {id: $actor})
MATCH (d:Diploma {code: $diploma})
MATCH (s:Site {insee: $site})
CREATE (a)-[o:OFFERS]->(d)
SET o += $props
WITH count(o) AS count
CREATE (ch:Change)
SET ch += $change
RETURN count
