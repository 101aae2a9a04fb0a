// Establishments bound together by a passerelle agreement: the agreements binding one of
// $ids at least (null: every one), with all their parties.
// Params: $ids. Returns: passerelle, parties.
MATCH (p:Passerelle)-[:BINDS]->(a:Actor)
WHERE $ids IS NULL OR a.id IN $ids
WITH DISTINCT p
MATCH (p)-[:BINDS]->(b:Actor)
RETURN p.id AS passerelle, collect(b.id) AS parties
