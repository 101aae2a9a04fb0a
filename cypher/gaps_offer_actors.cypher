// The establishments of the offers a gap report read (gaps_offer_rows), by their ids.
// directory_flags: the import's flags (distance_learning: graph/distance_learning.py).
// commune, commune_from: how the import found it ("coordinates": only near it, for titles).
// Params: $ids. Returns: actor.
MATCH (a:Actor)
WHERE a.id IN $ids
RETURN a {.id, .name, .kind, .campuses, .lat, .lon, .departement, .directory_flags,
                .commune, .commune_from} AS actor
