// The activity files the imported offers come from (their names carry their year): the
// pathway search tells current offers from those the latest files no longer list
// (graph/pathways/hygiene.py). Params: none. Returns: file.
MATCH (:Actor)-[o:OFFERS]->(:Diploma)
WHERE o.origin = 'import'
UNWIND o.sources AS file
RETURN DISTINCT file
