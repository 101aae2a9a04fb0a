// Create a passerelle with its ends, the parties bound by it and its LEADS_TO legs; log it.
// Params: $props (map, includes id), $from_codes, $to_codes, $parties, $leg (map), $source,
// $change. Returns: id.
CREATE (p:Passerelle)
SET p += $props
WITH p
OPTIONAL MATCH (f:Diploma)
WHERE f.code IN $from_codes
WITH p, collect(f) AS froms
OPTIONAL MATCH (t:Diploma)
WHERE t.code IN $to_codes
WITH p, froms, collect(t) AS tos
OPTIONAL MATCH (x:Actor)
WHERE x.id IN $parties
WITH p, froms, tos, collect(x) AS bound
FOREACH (f IN froms | CREATE (p)-[:FROM_DIPLOMA {origin: 'edit', source: $source}]->(f))
FOREACH (t IN tos | CREATE (p)-[:TO_DIPLOMA {origin: 'edit', source: $source}]->(t))
FOREACH (x IN bound | CREATE (p)-[:BINDS {origin: 'edit', source: $source}]->(x))
FOREACH (f IN froms | FOREACH (t IN tos | CREATE (f)-[l:LEADS_TO]->(t) SET l += $leg))
CREATE (ch:Change)
SET ch += $change
RETURN p.id AS id
