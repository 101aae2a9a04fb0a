// The diplomas that lead into a diploma by one passerelle, each with the establishments that
// offer it (reverse pathways, for a manager filling a programme).
// Params: $to. Returns: code, name, type, level, closed, passerelle, kind, origin, rate, entrant_share,
// reserved_share, modality, offers (renewed_from: graph/feeders.py counts a renewed offer once).
MATCH (pv:Diploma)-[p:LEADS_TO]->(d:Diploma {code: $to})
OPTIONAL MATCH (a:Actor)-[o:OFFERS]->(pv)
WITH pv, p, collect(CASE WHEN a IS NULL THEN NULL ELSE
  {actor: a.id, name: a.name, kind: a.kind, campuses: a.campuses, campus: o.campus,
   modality: o.modality, status: o.status, capacity: o.capacity, commune: o.commune,
   departement: o.departement, region_code: o.region_code, lat: o.lat, lon: o.lon,
   renewed_from: o.renewed_from} END) AS offers
RETURN pv.code AS code, pv.name AS name, pv.type AS type, pv.level AS level, pv.closed AS closed,
       p.passerelle_id AS passerelle, p.kind AS kind, p.passerelle_origin AS origin,
       p.rate AS rate, p.entrant_share AS entrant_share, p.reserved_share AS reserved_share,
       p.modality AS modality, offers
