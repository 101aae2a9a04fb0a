// One campus with its members, sectors and recorded job demand.
// Params: $id. Returns: campus, members, sectors, demand (one row, or none).
MATCH (c:Campus {id: $id})
OPTIONAL MATCH (a:Actor)-[m:MEMBER_OF]->(c)
WITH c, collect(CASE WHEN a IS NULL THEN NULL ELSE
  {id: a.id, name: a.name, kind: a.kind, role: m.role, commune: a.commune, departement: a.departement} END) AS members
OPTIONAL MATCH (c)-[:COVERS]->(s:Sector)
WITH c, members, collect(s {.id, .name, .kind, .rome, .nsf, .local_training_note, .source}) AS sectors
OPTIONAL MATCH (c)-[h:HAS_DEMAND]->(js:Sector)
RETURN c {.*} AS campus, members, sectors,
       collect(CASE WHEN h IS NULL THEN NULL ELSE
         {sector: js.id, sector_name: js.name, period: h.period, count: h.count, share: h.share,
          note: h.note, source: h.source} END) AS demand
