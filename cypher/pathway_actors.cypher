// What the pathway search shows of the establishments it names (graph/pathway_data.py).
// Params: $ids. Returns: actor (map).
MATCH (a:Actor)
WHERE a.id IN $ids
RETURN a {.id, .name, .kind, .uai, .boarding_places, .campuses, .described} AS actor
