// Upsert Actor nodes from seed records. An actor the open-data import created for the same UAI
// (id "uai-…") is adopted first: it takes the seed id, so the establishment stays one node.
// Params: $rows (list of {key, props}). Returns: count.
UNWIND $rows AS r
OPTIONAL MATCH (cur:Actor {id: r.key})
OPTIONAL MATCH (old:Actor {uai: r.props.uai})
WHERE cur IS NULL AND old.id <> r.key AND NOT coalesce(old.seed, false)
WITH r, head(collect(old)) AS old
FOREACH (x IN CASE WHEN old IS NULL THEN [] ELSE [old] END | SET x.id = r.key)
WITH r
MERGE (n:Actor {id: r.key})
SET n += r.props
RETURN count(n) AS count
