// The ROME job reference the national import wrote (Job nodes: every code of rome.csv, trained
// for or not), for a job asked by its code or its name (graph/rome_jobs.py) and GET /jobs.
// Params: none. Returns: code, name (its own job), names (its jobs), parent (the code it is
// filed under, or null), appellations (the other names metier.csv gives its jobs).
MATCH (j:Job)
RETURN j.code AS code, j.name AS name, j.names AS names, j.parent AS parent,
       coalesce(j.appellations, []) AS appellations
ORDER BY code
