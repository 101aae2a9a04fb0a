// One actor and everything it is linked to.
// Params: $id. Returns: actor, memberships, offers (with renewed_from, whether the BCN closed
// the diploma and when: graph/offer_lines.py; commune_from: how the import found the establishment's commune,
// when the offer's is it: graph/place_precision.py), partners, platforms, parents, children, sectors, passerelles.
MATCH (a:Actor {id: $id})
OPTIONAL MATCH (a)-[m:MEMBER_OF]->(c:Campus)
WITH a, collect(CASE WHEN c IS NULL THEN NULL ELSE {campus: c.id, name: c.short_name, role: m.role, source: m.source} END) AS memberships
OPTIONAL MATCH (a)-[o:OFFERS]->(d:Diploma)
WITH a, memberships, collect(CASE WHEN d IS NULL THEN NULL ELSE
  {diploma: d.code, name: d.name, official_name: d.official_name, type: d.type, level: d.level,
   modality: o.modality,
   status: o.status, capacity: o.capacity, year: o.year, site: o.site, commune: o.commune,
   commune_from: CASE WHEN o.commune = a.imported_commune THEN a.commune_from END,
   source: o.source, renewed_from: o.renewed_from, closed: d.closed,
   closing_date: d.closing_date} END) AS offers
OPTIONAL MATCH (a)-[p:PARTNERS_WITH]-(b:Actor)
WITH a, memberships, offers, collect(CASE WHEN b IS NULL THEN NULL ELSE
  {id: b.id, name: b.name, kind: b.kind, partnership: p.kind, status: p.status,
   description: p.description, source: p.source} END) AS partners
OPTIONAL MATCH (a)-[:HOSTS]->(pf:Platform)
WITH a, memberships, offers, partners, collect(pf {.id, .name, .kind}) AS platforms
OPTIONAL MATCH (a)-[:PART_OF]->(up:Actor)
WITH a, memberships, offers, partners, platforms, collect(up {.id, .name, .kind}) AS parents
OPTIONAL MATCH (down:Actor)-[:PART_OF]->(a)
WITH a, memberships, offers, partners, platforms, parents, collect(down {.id, .name, .kind}) AS children
OPTIONAL MATCH (a)-[:WORKS_ON]->(s:Sector)
WITH a, memberships, offers, partners, platforms, parents, children, collect(s {.id, .name}) AS sectors
OPTIONAL MATCH (ps:Passerelle)-[:BINDS]->(a)
RETURN a {.*} AS actor, memberships, offers, partners, platforms, parents, children, sectors,
       collect(ps {.id, .kind, .from_codes, .to_codes, .reserved_share, .entrant_share}) AS passerelles
