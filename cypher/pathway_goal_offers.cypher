// How many offers of the graph (any establishment, status, modality or year) a goal diploma
// has: none means the files describe it nowhere (a BP: prepared in apprenticeship and
// continuing education, which the imported files do not list), said as such, never as a
// territory's lack (graph/pathways/unoffered_goals.py); offers all « renewed » (old headcounts
// of a closed predecessor) are said as such (graph/pathways/regulated.py::presumed_sentence),
// unless some are carried to a later year by a common first year a current file lists at the
// same establishment (carried: how many; graph/ingest/opendata/renewal.py).
// Params: $code. Returns: offers, statuses, years, establishments, carried.
MATCH (d:Diploma {code: $code})
OPTIONAL MATCH (a:Actor)-[o:OFFERS]->(d)
RETURN count(o) AS offers, collect(DISTINCT o.status) AS statuses,
       collect(DISTINCT o.year) AS years, count(DISTINCT a) AS establishments,
       count(o.common_year) AS carried
