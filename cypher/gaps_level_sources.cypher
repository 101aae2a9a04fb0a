// The sources (titles, as an imported offer's `source` joins them with '; ') that list
// imported offers at each level, over the whole graph: a level the territory has no offer at,
// whose sources list no row at all of the territory, is not covered there rather than absent
// (graph/gaps/level_sources.py, graph/gaps/level_coverage.py). Params: none. Returns: source, level.
MATCH ()-[o:OFFERS]->(d:Diploma)
WHERE o.origin = 'import' AND d.level IS NOT NULL
RETURN DISTINCT o.source AS source, d.level AS level
