// Short descriptions of the given diplomas (the steps of a pathway search), with whether the
// BCN closed them, the options a BTS common first year takes its jobs from (rome_options) and
// their successors (RENAMED_TO: a closed diploma is replaced by them); the same fields as
// pathway_diplomas_all (nsf_groups: a BUT's parcours' groups, which the notices read).
// Params: $codes. Returns: d (map), successors (codes).
MATCH (d:Diploma)
WHERE d.code IN $codes
OPTIONAL MATCH (d)-[:RENAMED_TO]->(n:Diploma)
RETURN d {.code, .name, .type, .level, .nsf, .nsf_groups, .closed, .rome_options,
         closing_date: CASE WHEN d.closed THEN null ELSE d.closing_date END,
         last_session: CASE WHEN d.closed THEN null ELSE d.last_session END,
         entry_closed: CASE WHEN d.closed THEN null ELSE d.entry_closed END,
         second_closed: CASE WHEN d.closed THEN null ELSE d.second_closed END} AS d, collect(n.code) AS successors
