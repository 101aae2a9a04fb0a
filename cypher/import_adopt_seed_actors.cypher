// Give a seed actor without a UAI the UAI of the imported establishment it was matched with
// by name and commune (graph/ingest/opendata/matching.py), so that the import MERGEs onto it
// instead of creating a second node. Only an actor still without a UAI, and only a UAI no
// other actor has. Params: $rows (list of {id, uai}). Returns: count.
UNWIND $rows AS r
MATCH (a:Actor {id: r.id})
WHERE a.uai IS NULL
OPTIONAL MATCH (other:Actor {uai: r.uai})
WITH a, r, other
WHERE other IS NULL
SET a.uai = r.uai, a.uai_matched_by = 'name and commune'
RETURN count(a) AS count
