// The offers of the given diplomas in a territory, one row each: coverage_offers.cypher for
// those diplomas only. The pathway cache keeps a territory's rows per diploma and, after an
// edit, reads again only the diplomas it touched (graph/pathways/coverage_rows.py).
// Params: $codes, $restrict, $departements, $region, $campus, $min_lat, $max_lat, $min_lon,
// $max_lon (as coverage_offers). Returns: actor, offer, diploma (as coverage_offers).
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE d.code IN $codes
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
