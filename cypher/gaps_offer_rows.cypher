// The offers of a territory, compactly: the establishment's id and the diploma's code with
// each offer, their own rows read once each by gaps_offer_actors and gaps_diplomas
// (graph/gaps/data.py puts them together), so that the rows of an actor or a diploma are
// neither sent nor grouped once per offer. Only the territory's when $restrict is true (the
// exact radius test is done in Python); the offers of given diplomas: gaps_offer_rows_of.
// Params: $restrict, $departements, $region, $campus, $min_lat, $max_lat, $min_lon,
// $max_lon. Returns: actor (id), offer (the list graph.gaps.data.OFFER_FIELDS), diploma (code).
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE NOT $restrict OR (
        ($departements IS NULL OR o.departement IN $departements)
    AND ($region IS NULL OR o.region_code = $region)
    AND ($campus IS NULL OR o.campus = $campus OR $campus IN a.campuses)
    AND ($min_lat IS NULL OR (o.lat >= $min_lat AND o.lat <= $max_lat
                              AND o.lon >= $min_lon AND o.lon <= $max_lon)))
RETURN a.id AS actor,
       [o.site, o.commune, o.departement, o.region_code, o.lat, o.lon, o.modality, o.status,
        o.capacity, o.year, o.campus, o.source] AS offer,
       d.code AS diploma
