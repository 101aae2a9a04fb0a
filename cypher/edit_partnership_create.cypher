// Create a partnership between two actors, and log the change.
// Params: $a, $b, $props (map), $change. Returns: count.
MATCH (a:Actor {id: $a})
MATCH (b:Actor {id: $b})
CREATE (a)-[r:PARTNERS_WITH]->(b)
SET r += $props
WITH count(r) AS count
CREATE (ch:Change)
SET ch += $change
RETURN count
