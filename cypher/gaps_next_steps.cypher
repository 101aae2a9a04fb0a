// Where the passerelle legs leaving the given diplomas go: one row per distinct target and
// territory of the leg (from_departements, to_departements: see gaps_leads_to and
// graph.gaps.rows.NextSteps), not one row per leg with its passerelle, which a gap report does
// not use. Each diploma is looked up by its indexed code (a list filter without the index
// compares every diploma with every code).
// Params: $codes. Returns: source, target, from_departements, to_departements.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE a.code IN $codes
RETURN DISTINCT a.code AS source, b.code AS target, l.from_departements AS from_departements,
       l.to_departements AS to_departements
