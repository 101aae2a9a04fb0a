// Upsert Campus nodes from seed records.
// Params: $rows (list of {key, props}). Returns: count.
UNWIND $rows AS r
MERGE (n:Campus {id: r.key})
SET n += r.props
RETURN count(n) AS count
