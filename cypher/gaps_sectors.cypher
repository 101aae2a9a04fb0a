// Sectors with the campuses covering them and their recorded demand.
// Params: none. Returns: sector (map), campuses, demand (list of maps).
MATCH (s:Sector)
OPTIONAL MATCH (c:Campus)-[:COVERS]->(s)
WITH s, collect(DISTINCT c.id) AS campuses
OPTIONAL MATCH (dc:Campus)-[h:HAS_DEMAND]->(s)
RETURN s {.id, .name, .kind, .rome, .nsf, .local_training_note, .source} AS sector, campuses,
       collect(CASE WHEN h IS NULL THEN NULL ELSE
         {campus: dc.id, period: h.period, count: h.count, share: h.share, source: h.source}
       END) AS demand
