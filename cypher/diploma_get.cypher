// One diploma with its offers, passerelles in and out, sectors, and its BCN renovation lineage.
// Params: $code. Returns: diploma, offers (commune_from: how the import found the establishment's
// commune, when the offer's is it: graph/place_precision.py), next, previous (each leg with where it holds: the
// campus documenting it, the campuses of a programme it leads to, its départements), sectors,
// successors (the diplomas
// that replaced it, RENAMED_TO), predecessors (those it replaced); successors and
// predecessors as maps of code, name, official_name, type, level.
MATCH (d:Diploma {code: $code})
OPTIONAL MATCH (a:Actor)-[o:OFFERS]->(d)
WITH d, collect(CASE WHEN a IS NULL THEN NULL ELSE
  {actor: a.id, name: a.name, kind: a.kind, modality: o.modality, status: o.status,
   capacity: o.capacity, year: o.year, site: o.site, commune: o.commune,
   commune_from: CASE WHEN o.commune = a.imported_commune THEN a.commune_from END,
   departement: o.departement, lat: o.lat, lon: o.lon, source: o.source} END) AS offers
OPTIONAL MATCH (d)-[n:LEADS_TO]->(nx:Diploma)
WITH d, offers, collect(CASE WHEN nx IS NULL THEN NULL ELSE
  {code: nx.code, name: nx.name, official_name: nx.official_name, type: nx.type,
   level: nx.level, passerelle: n.passerelle_id, kind: n.kind, origin: n.passerelle_origin,
   campus: n.campus, programme_campuses: nx.campuses, scope: n.scope,
   scope_departements: n.scope_departements, from_departements: n.from_departements,
   to_departements: n.to_departements}
  END) AS next
OPTIONAL MATCH (pv:Diploma)-[p:LEADS_TO]->(d)
WITH d, offers, next, collect(CASE WHEN pv IS NULL THEN NULL ELSE
  {code: pv.code, name: pv.name, official_name: pv.official_name, type: pv.type,
   level: pv.level, passerelle: p.passerelle_id, kind: p.kind, origin: p.passerelle_origin,
   campus: p.campus, programme_campuses: d.campuses, scope: p.scope,
   scope_departements: p.scope_departements, from_departements: p.from_departements,
   to_departements: p.to_departements}
  END) AS previous
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
WITH d, offers, next, previous, collect(s {.id, .name}) AS sectors
OPTIONAL MATCH (d)-[:RENAMED_TO]->(nw:Diploma)
WITH d, offers, next, previous, sectors, collect(CASE WHEN nw IS NULL THEN NULL ELSE
  {code: nw.code, name: nw.name, official_name: nw.official_name, type: nw.type,
   level: nw.level} END) AS successors
OPTIONAL MATCH (od:Diploma)-[:RENAMED_TO]->(d)
RETURN d {.*} AS diploma, offers, next, previous, sectors, successors,
  collect(CASE WHEN od IS NULL THEN NULL ELSE
    {code: od.code, name: od.name, official_name: od.official_name, type: od.type,
     level: od.level} END) AS predecessors
