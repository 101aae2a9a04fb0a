// Offers with their establishment, diploma and the sectors the diploma trains for; only the
// given diplomas' when $codes is set, only the territory's when $restrict is true (the exact
// radius test is done in Python). The diploma's ROME codes (Certif Info) let a report match an
// imported programme to a sector by its jobs (graph/gaps/demand.py).
// Params: $codes, $restrict, $departements, $region, $campus, $min_lat, $max_lat, $min_lon,
// $max_lon. Returns: actor, offer, diploma, sectors.
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE ($codes IS NULL OR d.code IN $codes)
  AND (NOT $restrict OR (
        ($departements IS NULL OR o.departement IN $departements)
    AND ($region IS NULL OR o.region_code = $region)
    AND ($campus IS NULL OR o.campus = $campus OR $campus IN a.campuses)
    AND ($min_lat IS NULL OR (o.lat >= $min_lat AND o.lat <= $max_lat
                              AND o.lon >= $min_lon AND o.lon <= $max_lon))))
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
RETURN a {.id, .name, .kind, .campuses, .lat, .lon, .departement} AS actor,
       o {.site, .commune, .departement, .region_code, .lat, .lon, .modality, .status,
          .capacity, .year, .campus, .source} AS offer,
       d {.code, .name, .type, .level, .nsf, .rome_codes} AS diploma,
       collect(s.id) AS sectors
