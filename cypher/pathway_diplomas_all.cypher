// Every diploma, briefly: the list a preload of the pathway cache walks
// (graph/pathways/data.py), with whether the BCN closed it, the options a BTS common first
// year takes its jobs from (rome_options), its successors (RENAMED_TO) and, for an open diploma
// the BCN closes later, its closing date, last exam session and the day its first course year
// closes (entry_closed, nMef) (graph/pathways/closing.py).
// Params: none. Returns: d (map), successors (codes).
MATCH (d:Diploma)
OPTIONAL MATCH (d)-[:RENAMED_TO]->(n:Diploma)
RETURN d {.code, .name, .type, .level, .nsf, .nsf_groups, .closed, .rome_options,
         closing_date: CASE WHEN d.closed THEN null ELSE d.closing_date END,
         last_session: CASE WHEN d.closed THEN null ELSE d.last_session END,
         entry_closed: CASE WHEN d.closed THEN null ELSE d.entry_closed END,
         second_closed: CASE WHEN d.closed THEN null ELSE d.second_closed END} AS d, collect(n.code) AS successors
ORDER BY d.code
