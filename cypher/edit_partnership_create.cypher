// Create a partnership between two actors, and log the change.
// No row, and no log, when an actor is missing.
// Params: $a, $b, $props (map), $change. Returns: count.
MATCH (a:Actor {id: $a})
MATCH (b:Actor {id: $b})
CREATE (a)-[r:PARTNERS_WITH]->(b)
SET r += $props
WITH count(r) AS count
WHERE count > 0
CREATE (ch:Change)
SET ch += $change
RETURN count
