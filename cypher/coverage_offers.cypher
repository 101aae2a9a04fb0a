// The offers of a territory, one row each, for GET /coverage and for the pathway answer's
// coverage notice (graph/coverage.py): what the data holds there, per level and diploma type.
// Params: $restrict, $departements, $region, $campus, $min_lat, $max_lat, $min_lon, $max_lon
// (the exact radius test is done in Python). Returns: actor, offer (with its modality, for a
// pathway asked in one), diploma.
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE (NOT $restrict OR (
        ($departements IS NULL OR o.departement IN $departements)
    AND ($region IS NULL OR o.region_code = $region)
    AND ($campus IS NULL OR o.campus = $campus OR $campus IN a.campuses)
    AND ($min_lat IS NULL OR (o.lat >= $min_lat AND o.lat <= $max_lat
                              AND o.lon >= $min_lon AND o.lon <= $max_lon))))
RETURN a {.id, .name, .campuses} AS actor,
       o {.departement, .region_code, .lat, .lon, .campus, .status, .origin, .sources, .year,
            .modality} AS offer,
       d {.code, .name, .type, .level, .closed, .nsf} AS diploma
