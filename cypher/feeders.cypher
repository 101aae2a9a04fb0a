// The diplomas that lead into a diploma by one passerelle, each with the establishments that
// offer it (reverse pathways, for a manager filling a programme), and where the passerelle
// holds (graph/pathways/scope.py): a documented one's scope, with the départements of the
// establishments it names; an inferred one tied to a campus programme's territory.
// Params: $to. Returns: code, name, type, level, closed, renamed_to, passerelle, kind, origin, rate,
// entrant_share, reserved_share, modality, scope, scope_actors, scope_departements,
// scope_actor_departements, from_departements, to_departements, offers (entry_year: 2 when the
// offer's capacity is of the 1re pro, graph/ingest/opendata/entry.py; renewed_from:
// graph/feeders.py counts a renewed offer once; renamed_to: the codes renovating the feeder,
// BCN lineage: an establishment offering both lists the same seats once, under the new code).
MATCH (pv:Diploma)-[p:LEADS_TO]->(d:Diploma {code: $to})
OPTIONAL MATCH (a:Actor)-[o:OFFERS]->(pv)
WITH pv, p, collect(CASE WHEN a IS NULL THEN NULL ELSE
  {actor: a.id, name: a.name, kind: a.kind, campuses: a.campuses, campus: o.campus,
   modality: o.modality, status: o.status, capacity: o.capacity, commune: o.commune,
   commune_from: CASE WHEN o.commune = a.imported_commune THEN a.commune_from END,
   departement: o.departement, region_code: o.region_code, lat: o.lat, lon: o.lon,
   entry_year: o.entry_year, renewed_from: o.renewed_from} END) AS offers
OPTIONAL MATCH (x:Actor)
WHERE p.scope = 'actors' AND x.id IN p.scope_actors
WITH pv, p, offers, collect(DISTINCT x.departement) AS scope_actor_departements
RETURN pv.code AS code, pv.name AS name, pv.type AS type, pv.level AS level, pv.closed AS closed,
       [(pv)-[:RENAMED_TO]->(n:Diploma) | n.code] AS renamed_to,
       p.passerelle_id AS passerelle, p.kind AS kind, p.passerelle_origin AS origin,
       p.rate AS rate, p.entrant_share AS entrant_share, p.reserved_share AS reserved_share,
       p.modality AS modality, p.scope AS scope, p.scope_actors AS scope_actors,
       p.scope_departements AS scope_departements,
       scope_actor_departements, p.from_departements AS from_departements,
       p.to_departements AS to_departements, offers
