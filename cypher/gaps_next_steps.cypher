// Where the passerelle legs leaving the given diplomas go: per diploma and territory of the
// leg (from_departements: see gaps_leads_to and graph.gaps.rows.NextSteps), the distinct
// targets in one list, not one row per leg with its passerelle, which a gap report does not
// use (a campus at national size: 1 824 rows instead of 26 166, a seventh of the reading
// time). Each diploma is looked up by its indexed code (a list filter without the index
// compares every diploma with every code).
// What a suggested partnership may rest on (graph/gaps/partnerships.py): ``bare``, as
// « target|evidence », the targets of inferred legs matched on an NSF group or domain alone
// (graph.gaps.rows.broad_match says which of those name no specialty); ``firm``, the targets
// of any other leg (documented, or inferred with evidence of its own); ``documented``, as
// « target|source », the documented legs and their source (what a suggestion cites).
// Params: $codes. Returns: source, from_departements, targets, bare, firm, documented.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE a.code IN $codes
WITH a.code AS source, l.from_departements AS from_departements, b.code AS target,
     coalesce(l.evidence, '') AS evidence, coalesce(l.source, '') AS cited,
     coalesce(l.passerelle_origin, '') = 'inferred' AS inferred
WITH source, from_departements, target, evidence, cited, inferred,
     inferred AND (evidence STARTS WITH 'groupe NSF ' OR evidence STARTS WITH 'domaine'
                   OR evidence STARTS WITH 'même groupe NSF '
                   OR evidence STARTS WITH 'même domaine NSF ') AS bare
WITH source, from_departements, collect(DISTINCT target) AS targets,
     collect(DISTINCT CASE WHEN bare THEN target + '|' + evidence END) AS bare,
     collect(DISTINCT CASE WHEN NOT bare THEN target END) AS firm,
     collect(DISTINCT CASE WHEN NOT inferred THEN target + '|' + cited END) AS documented
RETURN source, from_departements, targets, bare, firm, documented
