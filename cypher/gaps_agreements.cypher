// Establishments bound together by a passerelle agreement.
// Params: none. Returns: passerelle, parties.
MATCH (p:Passerelle)-[:BINDS]->(a:Actor)
RETURN p.id AS passerelle, collect(a.id) AS parties
