// Sectors with the campuses covering them and their recorded demand.
// Params: none. Returns: sector (map, with `linked`: how many diplomas a seed says train for
// it), campuses, demand (list of maps), jobs (its ROME codes the ROME reference names: maps of
// code and name, to say them by name; none before the national import).
MATCH (s:Sector)
OPTIONAL MATCH (c:Campus)-[:COVERS]->(s)
WITH s, collect(DISTINCT c.id) AS campuses
OPTIONAL MATCH (d:Diploma)-[:TRAINS_FOR]->(s)
WITH s, campuses, count(DISTINCT d) AS linked
OPTIONAL MATCH (j:Job) WHERE j.code IN coalesce(s.rome, [])
WITH s, campuses, linked, collect(DISTINCT j {.code, .name}) AS jobs
OPTIONAL MATCH (dc:Campus)-[h:HAS_DEMAND]->(s)
RETURN s {.id, .name, .kind, .rome, .nsf, .local_training_note, .source, linked: linked} AS sector,
       campuses,
       collect(CASE WHEN h IS NULL THEN NULL ELSE
         {campus: dc.id, period: h.period, count: h.count, share: h.share, source: h.source}
       END) AS demand,
       jobs
