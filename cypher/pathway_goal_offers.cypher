// How many offers of the graph (any establishment, status, modality or year) a goal diploma
// has: none means the files describe it nowhere (a BP: prepared in apprenticeship and
// continuing education, which the imported files do not list), said as such, never as a
// territory's lack (graph/pathways/unoffered_goals.py). Params: $code. Returns: offers.
MATCH (d:Diploma {code: $code})
OPTIONAL MATCH (:Actor)-[o:OFFERS]->(d)
RETURN count(o) AS offers
