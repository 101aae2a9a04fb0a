// The establishments of the offers a gap report read (gaps_offer_rows), by their ids.
// Params: $ids. Returns: actor.
MATCH (a:Actor)
WHERE a.id IN $ids
RETURN a {.id, .name, .kind, .campuses, .lat, .lon, .departement} AS actor
