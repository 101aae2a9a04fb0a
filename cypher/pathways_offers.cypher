// The offers of the given diplomas, with their establishment and place; only those of the
// territory when $restrict is true (the exact radius test is done in Python).
// Params: $codes, $restrict, $modality, $departements, $region, $campus, $min_lat, $max_lat,
// $min_lon, $max_lon. Returns: code, actor (map), offer (map; origin 'seed' or 'import').
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE d.code IN $codes
  AND (NOT $restrict OR (
        ($modality IS NULL OR o.modality = $modality)
    AND ($departements IS NULL OR o.departement IN $departements)
    AND ($region IS NULL OR o.region_code = $region)
    AND ($campus IS NULL OR o.campus = $campus OR $campus IN a.campuses)
    AND ($min_lat IS NULL OR (o.lat >= $min_lat AND o.lat <= $max_lat
                              AND o.lon >= $min_lon AND o.lon <= $max_lon))))
RETURN d.code AS code,
       a {.id, .name, .kind, .uai, .boarding_places, .campuses} AS actor,
       o {.site, .commune, .departement, .region_code, .lat, .lon, .modality, .status, .capacity,
          .year, .campus, .source, .origin} AS offer
