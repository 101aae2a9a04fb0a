// pathway_programme_territories.cypher and its _of twin as one query (bench/cypher_twins.py):
// the seed diplomas, of $codes only when $codes is not null, with where they belong.
// Params: $codes (null: every seed diploma). Returns: code, campus_departements (list of
// lists), offer_departements (list).
MATCH (d:Diploma)
WHERE ($codes IS NULL OR d.code IN $codes) AND d.seed = true
OPTIONAL MATCH (c:Campus)
WHERE c.id IN coalesce(d.campuses, [])
WITH d, collect(c.departements) AS campus_departements
OPTIONAL MATCH (:Actor)-[o:OFFERS]->(d)
RETURN d.code AS code, campus_departements, collect(o.departement) AS offer_departements
