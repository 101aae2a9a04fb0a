// The yearly figures of the imported offers a pathway answer shows (graph/pathways/history.py):
// read for those few offers only, so the pathway cache does not hold every offer's history.
// Params: $actors (actor ids), $codes (diploma codes). Returns: actor, code, modality, history
// (the import's history_json: per year capacity, demand, pupils, source).
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE a.id IN $actors AND d.code IN $codes AND o.origin = 'import' AND o.history_json IS NOT NULL
RETURN a.id AS actor, d.code AS code, o.modality AS modality, o.history_json AS history
