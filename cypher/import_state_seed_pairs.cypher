// Diploma pairs the seeds document (documented passerelles): the import infers no passerelle
// between them. Pairs the seed loader only inferred (without the evidence the import reads)
// are inferred again by the import, with their evidence and strength; the pathway search
// keeps the better of the two legs.
// Params: none. Returns: from_code, to_code.
MATCH (a:Diploma)-[r:LEADS_TO]->(b:Diploma)
WHERE r.origin = 'seed' AND r.passerelle_origin = 'documented'
RETURN DISTINCT a.code AS from_code, b.code AS to_code
