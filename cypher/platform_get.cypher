// One platform by its id (GET /platforms/{id}), with the fields of platforms_list: no row for an
// unknown id.
// Params: $id. Returns: platform.
MATCH (p:Platform {id: $id})
OPTIONAL MATCH (h:Actor)-[:HOSTS]->(p)
OPTIONAL MATCH (p)-[:WORKS_ON]->(s:Sector)
WITH p, collect(DISTINCT h {.id, .name, .kind}) AS hosts, collect(DISTINCT s.id) AS sectors
RETURN p {.id, .name, .kind, .description, .commune, .insee, .departement, .lat, .lon,
          .campuses, .source, .facts_json, hosts: hosts, sectors: sectors} AS platform
