// The seed diplomas with where they belong: the départements of the campuses whose files
// describe them and of their offers. A campus programme's territory is worked out from these
// (graph.inference.rules.programme_territory): a pathway answer proposes it only to a learner
// of that territory (graph/pathways/scope.py). Params: none. Returns: code,
// campus_departements (list of lists), offer_departements (list).
MATCH (d:Diploma)
WHERE d.seed = true
OPTIONAL MATCH (c:Campus)
WHERE c.id IN coalesce(d.campuses, [])
WITH d, collect(c.departements) AS campus_departements
OPTIONAL MATCH (:Actor)-[o:OFFERS]->(d)
RETURN d.code AS code, campus_departements, collect(o.departement) AS offer_departements
