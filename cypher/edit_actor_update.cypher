// Update an actor's properties; with $site, move it to that site. Logs the change.
// Params: $id, $props (map), $site (null = keep), $source, $change. Returns: id.
MATCH (a:Actor {id: $id})
SET a += $props
WITH a
OPTIONAL MATCH (s:Site {insee: $site})
WITH a, s
OPTIONAL MATCH (a)-[old:LOCATED_IN]->(:Site)
WITH a, s, collect(old) AS olds
FOREACH (r IN CASE WHEN s IS NULL THEN [] ELSE olds END | DELETE r)
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END |
  CREATE (a)-[:LOCATED_IN {origin: 'edit', source: $source}]->(s))
CREATE (ch:Change)
SET ch += $change
RETURN a.id AS id
