// The diplomas of the offers a gap report read (gaps_offer_rows), by their codes, with the
// sectors each trains for, its ROME codes (graph/gaps/demand.py) and whether the BCN closed it
// (a closed diploma is judged nowhere: graph/gaps/dead_ends.py).
// Params: $codes. Returns: diploma, sectors.
MATCH (d:Diploma)
WHERE d.code IN $codes
OPTIONAL MATCH (d)-[:TRAINS_FOR]->(s:Sector)
RETURN d {.code, .name, .type, .level, .nsf, .rome_codes, .closed} AS diploma,
       collect(s.id) AS sectors
