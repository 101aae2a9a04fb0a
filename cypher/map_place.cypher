// The place a map's radius is centred on (GET /map.geojson's `around`): one actor, or one
// platform.
// Params: $id, $platform (true: a Platform; false: an Actor).
// Returns: name, commune, lat, lon (no row for an unknown place).
MATCH (n:Actor {id: $id})
WHERE NOT $platform
RETURN n.name AS name, n.commune AS commune, n.lat AS lat, n.lon AS lon
UNION
MATCH (n:Platform {id: $id})
WHERE $platform
RETURN n.name AS name, n.commune AS commune, n.lat AS lat, n.lon AS lon
