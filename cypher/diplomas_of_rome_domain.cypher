// The diplomas Certif Info ties to a job of a ROME professional domain (a code's first three
// characters, « F17 »), with their BCN title: those whose title is a goal job's own name are
// taken for that job too (graph/pathways/named_job.py).
// Params: $domain. Returns: code, official_name, closed, rome_codes.
MATCH (d:Diploma)
WHERE any(r IN coalesce(d.rome_codes, []) WHERE r STARTS WITH $domain)
RETURN d.code AS code, d.official_name AS official_name, coalesce(d.closed, false) AS closed,
       d.rome_codes AS rome_codes
ORDER BY code
