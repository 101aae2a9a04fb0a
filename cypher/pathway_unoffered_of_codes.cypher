// Those of a job goal's diplomas ($codes: the diplomas the files link to the job) that no
// establishment of the graph offers (no OFFERS relationship at all) and the BCN has not
// closed: a job's own diploma the public files never list (BP électricien for F1602, prepared
// in apprenticeship), named beside the pathways, never proposed
// (graph/pathways/unoffered_goals.py::job_unoffered_notice).
// Params: $codes. Returns: d (map).
MATCH (d:Diploma)
WHERE d.code IN $codes AND coalesce(d.closed, false) = false
  AND NOT (d)<-[:OFFERS]-(:Actor)
RETURN d {.code, .name, .type, .level, .nsf} AS d
ORDER BY d.code
