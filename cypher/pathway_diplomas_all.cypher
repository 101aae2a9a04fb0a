// Every diploma, briefly: the list a preload of the pathway cache walks
// (graph/pathways/data.py), with whether the BCN closed it, the options a BTS common first
// year takes its jobs from (rome_options) and its successors (RENAMED_TO).
// Params: none. Returns: d (map), successors (codes).
MATCH (d:Diploma)
OPTIONAL MATCH (d)-[:RENAMED_TO]->(n:Diploma)
RETURN d {.code, .name, .type, .level, .nsf, .nsf_groups, .closed, .rome_options} AS d, collect(n.code) AS successors
ORDER BY d.code
