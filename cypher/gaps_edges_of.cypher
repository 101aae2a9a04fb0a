// Links between actors, platforms and sectors with an end among $ids (the territory's actors
// and platforms), for the network analytics: each end looked up by its indexed id rather
// than every relationship of the graph scanned (gaps_edges reads them all, for a report of
// the whole country). Offers and the sectors their diplomas train for come from gaps_offers.
// Params: $ids. Returns: source, source_label, target, target_label, type, kind.
MATCH (a:Actor)-[r:PARTNERS_WITH|HOSTS|PART_OF|WORKS_ON]->(b)
WHERE a.id IN $ids AND (b:Actor OR b:Platform OR b:Sector)
RETURN a.id AS source, labels(a)[0] AS source_label, b.id AS target,
       labels(b)[0] AS target_label, type(r) AS type, r.kind AS kind
UNION
MATCH (a:Platform)-[r:PARTNERS_WITH|HOSTS|PART_OF|WORKS_ON]->(b)
WHERE a.id IN $ids AND (b:Actor OR b:Platform OR b:Sector)
RETURN a.id AS source, labels(a)[0] AS source_label, b.id AS target,
       labels(b)[0] AS target_label, type(r) AS type, r.kind AS kind
UNION
MATCH (a)-[r:PARTNERS_WITH|HOSTS|PART_OF]->(b:Actor)
WHERE b.id IN $ids AND (a:Actor OR a:Platform)
RETURN a.id AS source, labels(a)[0] AS source_label, b.id AS target,
       labels(b)[0] AS target_label, type(r) AS type, r.kind AS kind
UNION
MATCH (a)-[r:PARTNERS_WITH|HOSTS|PART_OF]->(b:Platform)
WHERE b.id IN $ids AND (a:Actor OR a:Platform)
RETURN a.id AS source, labels(a)[0] AS source_label, b.id AS target,
       labels(b)[0] AS target_label, type(r) AS type, r.kind AS kind
