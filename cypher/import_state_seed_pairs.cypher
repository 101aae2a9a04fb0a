// Diploma pairs the seeds already link (documented passerelles, and those the seed loader
// inferred): the import infers no passerelle between them.
// Params: none. Returns: from_code, to_code.
MATCH (a:Diploma)-[r:LEADS_TO]->(b:Diploma)
WHERE r.origin = 'seed'
RETURN DISTINCT a.code AS from_code, b.code AS to_code
