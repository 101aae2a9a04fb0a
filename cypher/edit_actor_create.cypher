// Create an actor with its site, campus role and sectors, and log the change. One query: atomic.
// Params: $props (map, includes id), $site, $campus, $campus_role, $sectors, $source, $change.
// Returns: id.
CREATE (a:Actor)
SET a += $props
WITH a
OPTIONAL MATCH (s:Site {insee: $site})
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END |
  CREATE (a)-[:LOCATED_IN {origin: 'edit', source: $source}]->(s))
WITH a
OPTIONAL MATCH (c:Campus {id: $campus})
FOREACH (_ IN CASE WHEN c IS NULL OR $campus_role IS NULL THEN [] ELSE [1] END |
  CREATE (a)-[:MEMBER_OF {role: $campus_role, origin: 'edit', source: $source}]->(c))
WITH a
OPTIONAL MATCH (sec:Sector)
WHERE sec.id IN $sectors
WITH a, collect(sec) AS secs
FOREACH (x IN secs | CREATE (a)-[:WORKS_ON {origin: 'edit', source: $source}]->(x))
CREATE (ch:Change)
SET ch += $change
RETURN a.id AS id
