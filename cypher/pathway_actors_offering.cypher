// Every establishment that offers a diploma, as cypher/pathway_actors.cypher shows it: what a
// whole preload of the pathway cache reads of them (graph/pathways/data.py, _fill), sent ahead
// with the diplomas' reads instead of one read per chunk of diplomas that waited for the server.
// The same establishments as pathway_actors of the actor ids of every pathway_offers_of row.
// Params: none. Returns: actor (map).
MATCH (a:Actor)-[:OFFERS]->(d:Diploma)
WHERE d.code IS NOT NULL
WITH DISTINCT a
RETURN a {.id, .name, .kind, .uai, .boarding_places, .campuses, .described, .directory_flags}
         AS actor
