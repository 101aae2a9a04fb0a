// The offers of given diplomas near given places, compactly (the rows of gaps_offer_rows): the
// next steps of a territory's possible dead ends, each diploma looked up by its indexed code,
// with only its offers within its own box min_lat..max_lat, min_lon..max_lon (around the
// offers it is a next step of: graph/gaps/data.py), or anywhere when the box is null. One box
// per diploma, not one around every dead end: two départements' dead ends have ~1 500 next
// steps, most of them next steps of a few offers only (docs/performance.md, gaps22).
// An offer within the diploma's skip_min_lat..skip_max_lat, skip_min_lon..skip_max_lon, when
// given, is left out: an earlier read of the same report has it (the first round's box).
// Params: $near (a list of {code, min_lat, max_lat, min_lon, max_lon} and, optionally,
// skip_min_lat, skip_max_lat, skip_min_lon, skip_max_lon, one per diploma).
// Returns: actor (id), offer (a list: graph.gaps.data.OFFER_FIELDS), diploma (code).
UNWIND $near AS n
MATCH (d:Diploma {code: n.code})
MATCH (a:Actor)-[o:OFFERS]->(d)
WHERE (n.min_lat IS NULL OR (o.lat >= n.min_lat AND o.lat <= n.max_lat
                             AND o.lon >= n.min_lon AND o.lon <= n.max_lon))
  AND NOT coalesce(n.skip_min_lat IS NOT NULL
                   AND o.lat >= n.skip_min_lat AND o.lat <= n.skip_max_lat
                   AND o.lon >= n.skip_min_lon AND o.lon <= n.skip_max_lon, false)
RETURN a.id AS actor,
       [o.site, o.commune, o.departement, o.region_code, o.lat, o.lon, o.modality, o.status,
        o.capacity, o.year, o.campus, o.source] AS offer,
       d.code AS diploma
