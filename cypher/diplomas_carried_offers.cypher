// The offers of each closed diploma at an establishment that offers one of its successors
// (RENAMED_TO): the import carries a closed diploma's offers to the diploma that replaced it
// (status renewed), so they are the successor's, not the closed diploma's (the constat's 58
// offers of the closed « Aide-soignant (diplôme d'État) » are the Diplôme d'État
// d'aide-soignant's). The diploma search counts them apart (graph/queries.py
// diploma_search_rows). Params: none. Returns: code, carried.
MATCH (d:Diploma)-[:RENAMED_TO]->(:Diploma)<-[:OFFERS]-(b:Actor)
WHERE d.closed = true
WITH d, collect(DISTINCT b.id) AS at_successor
MATCH (a:Actor)-[o:OFFERS]->(d)
WHERE a.id IN at_successor
RETURN d.code AS code, count(o) AS carried
