// What the given diplomas lead to: one row per diploma with the codes its passerelle legs
// reach, each once. A gap report needs only where the legs go (graph/gaps/rows.py,
// next_steps), not one row per leg (gaps_leads_to); each diploma is looked up by its indexed
// code (a list filter without the index compares every diploma with every code).
// Params: $codes. Returns: source, targets.
MATCH (a:Diploma)-[:LEADS_TO]->(b:Diploma)
WHERE a.code IN $codes
RETURN a.code AS source, collect(DISTINCT b.code) AS targets
