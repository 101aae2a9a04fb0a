// Every passerelle leg between diplomas.
// Params: none. Returns: source, target, passerelle, kind, origin.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
RETURN a.code AS source, b.code AS target, l.passerelle_id AS passerelle, l.kind AS kind,
       l.passerelle_origin AS origin
