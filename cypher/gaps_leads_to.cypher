// The passerelle legs leaving the given diplomas (null: every leg).
// Params: $codes. Returns: source, target, passerelle, kind, origin.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE $codes IS NULL OR a.code IN $codes
RETURN a.code AS source, b.code AS target, l.passerelle_id AS passerelle, l.kind AS kind,
       l.passerelle_origin AS origin
