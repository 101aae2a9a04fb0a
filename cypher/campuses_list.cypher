// Every campus with its headline figures.
// Params: none. Returns: campus (map), members, actors, offers, min_level, max_level.
MATCH (c:Campus)
OPTIONAL MATCH (m:Actor)-[:MEMBER_OF]->(c)
WITH c, count(DISTINCT m) AS members
OPTIONAL MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE o.campus = c.id
WITH c, members, count(o) AS offers, min(d.level) AS min_level, max(d.level) AS max_level
OPTIONAL MATCH (x:Actor)
WHERE c.id IN x.campuses
RETURN c {.id, .name, .short_name, .academie, .region, .region_code, .departements, .industry,
          .label_status, .source} AS campus,
       members, count(x) AS actors, offers, min_level, max_level
ORDER BY campus.name
