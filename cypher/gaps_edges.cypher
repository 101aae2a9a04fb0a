// Links between actors, platforms, sectors and diplomas, for the network analytics (offers
// come from gaps_offers, for the territory only).
// Params: none. Returns: source, source_label, target, target_label, type, kind.
MATCH (a)-[r]->(b)
WHERE (a:Actor OR a:Platform OR a:Diploma)
  AND (b:Actor OR b:Platform OR b:Sector OR b:Diploma)
  AND (type(r) = 'PARTNERS_WITH' OR type(r) = 'HOSTS' OR type(r) = 'PART_OF'
       OR type(r) = 'WORKS_ON' OR type(r) = 'TRAINS_FOR')
RETURN coalesce(a.id, a.code) AS source, labels(a)[0] AS source_label,
       coalesce(b.id, b.code) AS target, labels(b)[0] AS target_label, type(r) AS type,
       r.kind AS kind
