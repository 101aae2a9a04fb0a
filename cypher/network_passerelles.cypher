// Passerelle legs (LEADS_TO) between the given diplomas.
// Params: $codes. Returns: source, target, passerelle, kind, origin.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE a.code IN $codes AND b.code IN $codes
RETURN a.code AS source, b.code AS target, l.passerelle_id AS passerelle, l.kind AS kind,
       l.passerelle_origin AS origin
