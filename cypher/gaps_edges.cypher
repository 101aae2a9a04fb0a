// Links between actors, platforms and sectors, for the network analytics: those with an end
// among $ids (the territory's actors and platforms; null: every one). Offers and the sectors
// their diplomas train for come from gaps_offers, for the territory only.
// Params: $ids. Returns: source, source_label, target, target_label, type, kind.
MATCH (a)-[r]->(b)
WHERE (a:Actor OR a:Platform)
  AND (b:Actor OR b:Platform OR b:Sector)
  AND (type(r) = 'PARTNERS_WITH' OR type(r) = 'HOSTS' OR type(r) = 'PART_OF'
       OR type(r) = 'WORKS_ON')
  AND ($ids IS NULL OR a.id IN $ids OR b.id IN $ids)
RETURN a.id AS source, labels(a)[0] AS source_label, b.id AS target,
       labels(b)[0] AS target_label, type(r) AS type, r.kind AS kind
