// The establishments the Annuaire de l'éducation flags « GRETA » (directory_flags, the national
// import: fr-en-annuaire-education.csv's GRETA column), with their place: named, nearest first,
// beside a continuing-education notice (graph/pathways/greta.py).
// Params: none. Returns: a (map).
MATCH (a:Actor)
WHERE 'greta' IN coalesce(a.directory_flags, [])
RETURN a {.id, .name, .commune, .departement, .region_code, .lat, .lon} AS a
ORDER BY a.id
