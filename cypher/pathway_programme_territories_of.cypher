// pathway_programme_territories.cypher for the given diplomas only: after an edit, the pathway
// cache reads again the diplomas it touched instead of every seed diploma
// (graph/pathways/data.py). Params: $codes. Returns: code, campus_departements (list of
// lists), offer_departements (list).
MATCH (d:Diploma)
WHERE d.code IN $codes AND d.seed = true
OPTIONAL MATCH (c:Campus)
WHERE c.id IN coalesce(d.campuses, [])
WITH d, collect(c.departements) AS campus_departements
OPTIONAL MATCH (:Actor)-[o:OFFERS]->(d)
RETURN d.code AS code, campus_departements, collect(o.departement) AS offer_departements
