// Every offer of the given diplomas, with its establishment and place.
// Params: $codes. Returns: code, actor (map), offer (map).
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE d.code IN $codes
RETURN d.code AS code,
       a {.id, .name, .kind, .uai, .boarding_places, .campuses} AS actor,
       o {.site, .commune, .departement, .region_code, .lat, .lon, .modality, .status, .capacity,
          .year, .campus, .source} AS offer
