// Offers with their establishment, diploma and the sectors the diploma trains for.
// Params: $codes (null = every offer). Returns: actor, offer, diploma, sectors.
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE $codes IS NULL OR d.code IN $codes
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
RETURN a {.id, .name, .kind, .campuses, .lat, .lon, .departement} AS actor,
       o {.site, .commune, .departement, .region_code, .lat, .lon, .modality, .status,
          .capacity, .year, .campus, .source} AS offer,
       d {.code, .name, .type, .level, .nsf} AS diploma,
       collect(s.id) AS sectors
