// The offers of a territory, compactly: the establishment's id and the diploma's code with
// each offer, their own rows read once each by gaps_offer_actors and gaps_diplomas
// (graph/gaps/data.py puts them together), so that the rows of an actor or a diploma are
// neither sent nor grouped once per offer. Only the territory's when $restrict is true (the
// exact radius test is done in Python); the offers of given diplomas: gaps_offer_rows_of.
// Params: $restrict, $departements, $region, $campus, $min_lat, $max_lat, $min_lon,
// $max_lon. Returns: actor (id), offer (the list graph.gaps.data.OFFER_FIELDS), diploma (code).
// The establishments that offer in the territory are found first, by the places of their
// offers kept on each (actors_offer_places; null: not known, its offers are looked at), so
// that only their offers are traversed, not every OFFERS relationship of the country
// (a campus at national size: 6 466 of 60 000). A radius alone has no such shortcut.
MATCH (a:Actor)
WHERE NOT $restrict OR (
        ($departements IS NULL OR a.offer_departements IS NULL
         OR any(x IN a.offer_departements WHERE x IN $departements))
    AND ($region IS NULL OR a.offer_regions IS NULL OR $region IN a.offer_regions)
    AND ($campus IS NULL OR a.offer_campuses IS NULL OR $campus IN a.offer_campuses
         OR $campus IN a.campuses))
MATCH (a)-[o:OFFERS]->(d:Diploma)
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
