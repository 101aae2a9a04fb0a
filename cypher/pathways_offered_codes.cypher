// Codes of the diplomas offered in a territory (the prefilter of the pathway search).
// Params: $modality, $departements (list of 3-char codes), $region, $campus, and a bounding box
// $min_lat, $max_lat, $min_lon, $max_lon (all may be null). Returns: code.
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE ($modality IS NULL OR o.modality = $modality)
  AND ($departements IS NULL OR o.departement IN $departements)
  AND ($region IS NULL OR o.region_code = $region)
  AND ($campus IS NULL OR o.campus = $campus OR $campus IN a.campuses)
  AND ($min_lat IS NULL OR (o.lat >= $min_lat AND o.lat <= $max_lat
                            AND o.lon >= $min_lon AND o.lon <= $max_lon))
RETURN DISTINCT d.code AS code
