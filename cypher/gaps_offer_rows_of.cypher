// The offers of the diplomas $codes anywhere, compactly (the rows of gaps_offer_rows): the
// next steps of a territory's dead ends, each diploma looked up by its indexed code.
// Params: $codes. Returns: actor (id), offer (a list: graph.gaps.data.OFFER_FIELDS), diploma
// (code).
MATCH (d:Diploma)
WHERE d.code IN $codes
MATCH (a:Actor)-[o:OFFERS]->(d)
RETURN a.id AS actor,
       [o.site, o.commune, o.departement, o.region_code, o.lat, o.lon, o.modality, o.status,
        o.capacity, o.year, o.campus, o.source] AS offer,
       d.code AS diploma
