// Every establishment that offers a diploma, as pathway_actors.cypher shows it: read once by a
// preload of the pathway cache (graph/pathways/data.py) instead of in each chunk of offers.
// Params: none. Returns: actor (map).
MATCH (a:Actor)-[:OFFERS]->(:Diploma)
WITH DISTINCT a
RETURN a {.id, .name, .kind, .uai, .boarding_places, .campuses, .described} AS actor
