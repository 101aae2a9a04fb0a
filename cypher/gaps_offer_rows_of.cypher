// The offers of the diplomas $codes anywhere, compactly (the rows of gaps_offer_rows): the
// next steps of a territory's dead ends, each diploma looked up by its indexed code.
// Params: $codes. Returns: actor (id), offer, diploma (code).
MATCH (d:Diploma)
WHERE d.code IN $codes
MATCH (a:Actor)-[o:OFFERS]->(d)
RETURN a.id AS actor,
       o {.site, .commune, .departement, .region_code, .lat, .lon, .modality, .status,
          .capacity, .year, .campus, .source} AS offer,
       d.code AS diploma
