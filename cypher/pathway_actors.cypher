// What the pathway search shows of the establishments it names (graph/pathway_data.py).
// directory_flags: the flags the import gives it (distance_learning: graph/distance_learning.py).
// Params: $ids. Returns: actor (map).
MATCH (a:Actor)
WHERE a.id IN $ids
RETURN a {.id, .name, .kind, .uai, .boarding_places, .campuses, .described, .directory_flags}
         AS actor
