// The offers of the diplomas of given kinds (type and level), each kind's only within its own
// box min_lat..max_lat, min_lon..max_lon (anywhere when it is null), compactly (the rows of
// gaps_offer_rows, with the diploma's type and level): the programmes of the next level near
// the offers a territory's dead-ends section would call dead ends unless one is, outside the
// territory too (graph/gaps/data.py read_kind_offers; dead_ends._kind_within_reach). One box
// per kind, around the offers that need that kind only. The offers surely in the territory
// are left out (the report has them): those of the départements $in_departements and of the
// région $in_region when given (a territory of départements or of a région; null for a
// campus or a radius, tested in Python).
// Within its box, an offer is kept when its cell of a grid of 1 / $per_degree degree is one of
// the kind's cells (those meeting the 50 km around one of the offers that need it).
// Only the diplomas of the kind training for one of the kind's filières $near.fields, or for
// none (the section's test: graph/gaps/dead_ends.py _kind_within_reach).
// Params: $near (a list of {type, level, fields, min_lat, max_lat, min_lon, max_lon, cells},
// one per kind; cells: floor(lat * $per_degree) * 1000 + floor(lon * $per_degree)), $per_degree,
// $in_departements, $in_region. Returns: actor (id), offer (a list:
// graph.gaps.data.OFFER_FIELDS), diploma (code), type, level.
UNWIND $near AS k
MATCH (d:Diploma)
WHERE d.type = k.type AND d.level = k.level
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
WITH k, d, collect(s.id) AS sectors
WHERE size(sectors) = 0 OR any(x IN sectors WHERE x IN k.fields)
MATCH (a:Actor)-[o:OFFERS]->(d)
WHERE (k.min_lat IS NULL OR (o.lat >= k.min_lat AND o.lat <= k.max_lat
                             AND o.lon >= k.min_lon AND o.lon <= k.max_lon
                             AND (toInteger(floor(o.lat * $per_degree)) * 1000
                                  + toInteger(floor(o.lon * $per_degree))) IN k.cells))
  AND NOT (($in_departements IS NOT NULL OR $in_region IS NOT NULL)
           AND ($in_departements IS NULL OR o.departement IN $in_departements)
           AND ($in_region IS NULL OR o.region_code = $in_region))
RETURN a.id AS actor,
       [o.site, o.commune, o.departement, o.region_code, o.lat, o.lon, o.modality, o.status,
        o.capacity, o.year, o.campus, o.source] AS offer,
       d.code AS diploma, d.type AS type, d.level AS level
