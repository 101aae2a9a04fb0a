// Where the passerelle legs leaving the given diplomas go: per diploma and territory of the
// leg (from_departements: see gaps_leads_to and graph.gaps.rows.NextSteps), the distinct
// targets in lists, not one row per leg with its passerelle, which a gap report does not
// use (a campus at national size: 1 824 rows instead of 26 166, a seventh of the reading
// time). Each diploma is looked up by its indexed code (a list filter without the index
// compares every diploma with every code).
// What a suggested partnership may rest on and cites (graph/gaps/partnerships.py): the
// legs split by origin, ``documented``, as « target » or « target|source » (the source a
// suggestion cites), and ``inferred``, as « target|evidence »; graph.gaps.rows.NextSteps
// judges the evidence (broad_match). One string per leg and no test of the evidence here:
// the prefix tests and a third list cost the server three times this query's reading
// (docs/performance.md, gaps21).
// Params: $codes. Returns: source, from_departements, documented, inferred.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE a.code IN $codes
WITH a.code AS source, l.from_departements AS from_departements, b.code AS target, l,
     coalesce(l.passerelle_origin, '') = 'inferred' AS inferred
RETURN source, from_departements,
       collect(DISTINCT CASE WHEN inferred THEN NULL
                             WHEN coalesce(l.source, '') = '' THEN target
                             ELSE target + '|' + l.source END) AS documented,
       collect(DISTINCT CASE WHEN inferred THEN target + '|' + coalesce(l.evidence, '') END)
         AS inferred
