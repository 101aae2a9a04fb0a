// The id of the actor an establishment's UAI names (a seed actor first should two carry it).
// Params: $uai (upper case). Returns: id (no row when no actor carries it).
MATCH (a:Actor {uai: $uai})
RETURN a.id AS id
ORDER BY coalesce(a.seed, false) DESC, a.id
LIMIT 1
