// Which of the diplomas $codes are offered somewhere (an offer not closed, anywhere), with the
// sectors each trains for (the rows of gaps_diplomas): the next steps of a territory's dead
// ends that the data describes, whose kind and filière the dead-ends section compares with
// the territory's (graph/gaps/dead_ends.py). Their offers themselves are read only near the
// territory (gaps_offer_rows_of with a box): one row per diploma here, not one per offer.
// Params: $codes. Returns: diploma, sectors.
MATCH (d:Diploma)
WHERE d.code IN $codes
MATCH (:Actor)-[o:OFFERS]->(d)
WHERE o.status IS NULL OR o.status <> 'closed'
WITH DISTINCT d
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
RETURN d {.code, .name, .type, .level, .nsf, .rome_codes} AS diploma, collect(s.id) AS sectors
