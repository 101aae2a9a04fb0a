// Where the passerelle legs leaving the given diplomas go: per diploma and territory of the
// leg (from_departements: see gaps_leads_to and graph.gaps.rows.NextSteps), the distinct
// targets in one list, not one row per leg with its passerelle, which a gap report does not
// use (a campus at national size: 1 824 rows instead of 26 166, a seventh of the reading
// time). Each diploma is looked up by its indexed code (a list filter without the index
// compares every diploma with every code).
// Params: $codes. Returns: source, from_departements, targets.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE a.code IN $codes
WITH a.code AS source, l.from_departements AS from_departements,
     collect(DISTINCT b.code) AS targets
RETURN source, from_departements, targets
