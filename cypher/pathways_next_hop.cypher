// One hop of the pathway search: the passerelle legs (LEADS_TO) leaving the frontier diplomas,
// keeping only targets offered in the territory when $restrict is true. The search walks hop by
// hop from Python (graph/pathways.py): a variable-length query built every path of up to six
// legs before filtering, 30-90x slower at national size (bench/pathways.py).
// Params: $frontier (codes), $restrict, $modality, $departements, $region, $campus and a
// bounding box $min_lat, $max_lat, $min_lon, $max_lon (all may be null).
// Returns: source (code), target (map), leg (map).
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE a.code IN $frontier
OPTIONAL MATCH (x:Actor)-[o:OFFERS]->(b)
WHERE ($modality IS NULL OR o.modality = $modality)
  AND ($departements IS NULL OR o.departement IN $departements)
  AND ($region IS NULL OR o.region_code = $region)
  AND ($campus IS NULL OR o.campus = $campus OR $campus IN x.campuses)
  AND ($min_lat IS NULL OR (o.lat >= $min_lat AND o.lat <= $max_lat
                            AND o.lon >= $min_lon AND o.lon <= $max_lon))
WITH a, l, b, count(o) AS inside
WHERE NOT $restrict OR inside > 0
RETURN a.code AS source, b {.code, .name, .type, .level, .nsf} AS target,
       l {.passerelle_id, .passerelle_origin, .kind, .rate, .entrant_share, .reserved_share,
          .modality} AS leg
