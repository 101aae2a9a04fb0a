// One diploma with its offers, passerelles in and out, and sectors.
// Params: $code. Returns: diploma, offers, next, previous, sectors.
MATCH (d:Diploma {code: $code})
OPTIONAL MATCH (a:Actor)-[o:OFFERS]->(d)
WITH d, collect(CASE WHEN a IS NULL THEN NULL ELSE
  {actor: a.id, name: a.name, kind: a.kind, modality: o.modality, status: o.status,
   capacity: o.capacity, year: o.year, site: o.site, commune: o.commune,
   departement: o.departement, lat: o.lat, lon: o.lon, source: o.source} END) AS offers
OPTIONAL MATCH (d)-[n:LEADS_TO]->(nx:Diploma)
WITH d, offers, collect(CASE WHEN nx IS NULL THEN NULL ELSE
  {code: nx.code, name: nx.name, official_name: nx.official_name, type: nx.type, level: nx.level, passerelle: n.passerelle_id,
   kind: n.kind, origin: n.passerelle_origin} END) AS next
OPTIONAL MATCH (pv:Diploma)-[p:LEADS_TO]->(d)
WITH d, offers, next, collect(CASE WHEN pv IS NULL THEN NULL ELSE
  {code: pv.code, name: pv.name, official_name: pv.official_name, type: pv.type, level: pv.level, passerelle: p.passerelle_id,
   kind: p.kind, origin: p.passerelle_origin} END) AS previous
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
RETURN d {.*} AS diploma, offers, next, previous, collect(s {.id, .name}) AS sectors
