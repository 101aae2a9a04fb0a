// The diplomas whose Certif Info jobs (rome_codes, the national import) include the ROME code
// asked, each with its NSF group and how many jobs its record lists: a broad agricultural CAP
// listing five jobs outside its own field is a weak link to one of them
// (graph/pathways/job_link.py).
// Params: $rome. Returns: code, nsf, jobs.
MATCH (d:Diploma)
WHERE $rome IN coalesce(d.rome_codes, [])
RETURN d.code AS code, d.nsf AS nsf, size(d.rome_codes) AS jobs
ORDER BY code
