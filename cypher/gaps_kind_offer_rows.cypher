// The offers of the diplomas of the types $types and levels $levels within the box
// $min_lat..$max_lat, $min_lon..$max_lon (anywhere when it is not given), compactly (the rows
// of gaps_offer_rows): the programmes of the next level of a territory's dead ends near them,
// outside the territory too (graph/gaps/data.py; dead_ends._kind_within_reach). The offers
// surely in the territory are left out (the report has them): those of the départements
// $in_departements and of the région $in_region when given (a territory of départements or of
// a région; null for a campus or a radius, tested in Python).
// Params: $types, $levels, $min_lat, $max_lat, $min_lon, $max_lon, $in_departements,
// $in_region. Returns: actor (id), offer (a list: graph.gaps.data.OFFER_FIELDS), diploma
// (code).
MATCH (d:Diploma)
WHERE d.type IN $types AND d.level IN $levels
MATCH (a:Actor)-[o:OFFERS]->(d)
WHERE ($min_lat IS NULL OR (o.lat >= $min_lat AND o.lat <= $max_lat
                            AND o.lon >= $min_lon AND o.lon <= $max_lon))
  AND NOT (($in_departements IS NOT NULL OR $in_region IS NOT NULL)
           AND ($in_departements IS NULL OR o.departement IN $in_departements)
           AND ($in_region IS NULL OR o.region_code = $in_region))
RETURN a.id AS actor,
       [o.site, o.commune, o.departement, o.region_code, o.lat, o.lon, o.modality, o.status,
        o.capacity, o.year, o.campus, o.source] AS offer,
       d.code AS diploma
