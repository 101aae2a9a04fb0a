// Every diploma, briefly: the list a preload of the pathway cache walks (graph/pathway_data.py).
// Params: none. Returns: d (map).
MATCH (d:Diploma)
RETURN d {.code, .name, .type, .level, .nsf} AS d
ORDER BY d.code
