// Links between actors, platforms and sectors, for the network analytics of a report of the
// whole country (a territory's: gaps_edges_of). Offers and the sectors their diplomas train
// for come from gaps_offers.
// Params: none. Returns: source, source_label, target, target_label, type, kind.
MATCH (a)-[r]->(b)
WHERE (a:Actor OR a:Platform)
  AND (b:Actor OR b:Platform OR b:Sector)
  AND (type(r) = 'PARTNERS_WITH' OR type(r) = 'HOSTS' OR type(r) = 'PART_OF'
       OR type(r) = 'WORKS_ON')
RETURN a.id AS source, labels(a)[0] AS source_label, b.id AS target,
       labels(b)[0] AS target_label, type(r) AS type, r.kind AS kind
