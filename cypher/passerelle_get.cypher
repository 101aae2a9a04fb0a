// One passerelle with the diplomas at both ends and the establishments it binds.
// Params: $id. Returns: passerelle, from, to, parties.
MATCH (p:Passerelle {id: $id})
OPTIONAL MATCH (p)-[:FROM_DIPLOMA]->(f:Diploma)
WITH p, collect(f {.code, .name, .official_name, .type, .level}) AS from
OPTIONAL MATCH (p)-[:TO_DIPLOMA]->(t:Diploma)
WITH p, from, collect(t {.code, .name, .official_name, .type, .level}) AS to
OPTIONAL MATCH (p)-[:BINDS]->(a:Actor)
RETURN p {.*} AS passerelle, from, to, collect(a {.id, .name, .kind}) AS parties
