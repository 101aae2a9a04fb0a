// coverage_offers.cypher and coverage_offers_of.cypher as one query (bench/cypher_twins.py
// measures whether it could replace both): the offers of a territory, of the diplomas $codes
// only when $codes is not null.
// Params: $codes (null: every diploma), $restrict, $departements, $region, $campus, $min_lat,
// $max_lat, $min_lon, $max_lon. Returns: actor, offer, diploma (as coverage_offers).
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE ($codes IS NULL OR d.code IN $codes)
  AND (NOT $restrict OR (
        ($departements IS NULL OR o.departement IN $departements)
    AND ($region IS NULL OR o.region_code = $region)
    AND ($campus IS NULL OR o.campus = $campus OR $campus IN a.campuses)
    AND ($min_lat IS NULL OR (o.lat >= $min_lat AND o.lat <= $max_lat
                              AND o.lon >= $min_lon AND o.lon <= $max_lon))))
RETURN a {.id, .name, .campuses} AS actor,
       o {.departement, .region_code, .lat, .lon, .campus, .status, .origin, .sources, .year,
            .modality} AS offer,
       d {.code, .name, .type, .level, .closed, .nsf} AS diploma
