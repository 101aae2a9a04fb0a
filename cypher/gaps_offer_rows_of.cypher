// The offers of the diplomas $codes, compactly (the rows of gaps_offer_rows): the next steps
// of a territory's dead ends, each diploma looked up by its indexed code; only those within
// the box $min_lat..$max_lat, $min_lon..$max_lon when it is given (the dead ends' nearest next
// step is looked for within NEAREST_MAX_KM: graph/gaps/data.py), else anywhere.
// Params: $codes, $min_lat, $max_lat, $min_lon, $max_lon. Returns: actor (id), offer (a
// list: graph.gaps.data.OFFER_FIELDS), diploma (code).
MATCH (d:Diploma)
WHERE d.code IN $codes
MATCH (a:Actor)-[o:OFFERS]->(d)
WHERE $min_lat IS NULL OR (o.lat >= $min_lat AND o.lat <= $max_lat
                           AND o.lon >= $min_lon AND o.lon <= $max_lon)
RETURN a.id AS actor,
       [o.site, o.commune, o.departement, o.region_code, o.lat, o.lon, o.modality, o.status,
        o.capacity, o.year, o.campus, o.source] AS offer,
       d.code AS diploma
