// Sector of each campus actor or platform (directly, or through the diplomas it offers).
// Params: $campus. Returns: id, sector.
MATCH (n)-[:WORKS_ON]->(s:Sector)
WHERE (n:Actor OR n:Platform) AND $campus IN n.campuses
RETURN n.id AS id, s.id AS sector
UNION
MATCH (a:Actor)-[:OFFERS]->(:Diploma)-[:TRAINS_FOR]->(s:Sector)
WHERE $campus IN a.campuses
RETURN a.id AS id, s.id AS sector
