// A filtered, paginated page of actors.
// Params: $kind, $campus, $departement, $q (normalised text), $words (its words), $keys (its
// words without apostrophes, hyphens and dots, found in the name without its spaces,
// apostrophes, hyphens and dots: « lafayette » finds « Lycée La Fayette », « iut » finds
// « I.U.T de la Réunion »; and a word of the name, without its brackets and commas, begins
// with the key's first two letters or begins the key (« pcointreau »: « Centre P.
// Cointreau », « lapauliane »: « (La Pauliane) »): « isen » found 13 « Centre de formation
// d'apprentis ENAC… », « …apprentis Enseignement… » before the 5 ISEN), $skip, $limit (all
// but the last two may be null).
// Returns: total, items.
MATCH (a:Actor)
WHERE ($kind IS NULL OR a.kind = $kind)
  AND ($departement IS NULL OR a.departement = $departement)
  AND ($campus IS NULL OR $campus IN a.campuses)
  AND ($q IS NULL OR all(w IN $words WHERE a.name_norm CONTAINS w) OR a.uai = toUpper($q) OR a.id = $q
       OR (size($keys) > 0
           AND all(k IN $keys
                   WHERE replace(replace(replace(replace(replace(a.name_norm, ' ', ''), "'", ''),
                                                 '’', ''), '-', ''), '.', '') CONTAINS k
                     AND any(w IN [x IN split(a.name_norm, ' ')
                                   | replace(replace(replace(replace(replace(replace(replace(x,
                                       "'", ''), '’', ''), '-', ''), '.', ''), '(', ''), ')', ''),
                                       ',', '')]
                             WHERE w <> '' AND (w STARTS WITH left(k, 2) OR k STARTS WITH w)))))
WITH a
ORDER BY a.name, a.id
WITH collect(a {.id, .name, .kind, .uai, .commune, .commune_from, .insee, .departement, .lat, .lon,
                .campuses, .boarding_places}) AS rows
RETURN size(rows) AS total, rows[$skip..($skip + $limit)] AS items
