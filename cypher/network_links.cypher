// Partnerships, hosting and part-of links among a campus's actors and platforms.
// Params: $campus. Returns: source, target, type, kind, status.
MATCH (a:Actor)-[r]->(b)
WHERE $campus IN a.campuses AND (b:Actor OR b:Platform) AND $campus IN b.campuses
  AND (type(r) = 'PARTNERS_WITH' OR type(r) = 'HOSTS' OR type(r) = 'PART_OF')
RETURN a.id AS source, labels(b)[0] AS target_label, b.id AS target, type(r) AS type,
       r.kind AS kind, r.status AS status
