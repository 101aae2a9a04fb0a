// Restore COVERS relationships Campus -> Sector from a backup file (graph/backup.py).
// Params: $rows (list of {a, b, props}: the business keys of both ends). Returns: count.
// A row whose ends are not both found makes count < size($rows): the division by zero
// then aborts the whole restore, which never leaves a relationship out silently.
UNWIND $rows AS r
MATCH (a:Campus {id: r.a})
MATCH (b:Sector {id: r.b})
CREATE (a)-[rel:COVERS]->(b)
SET rel += r.props
WITH count(rel) AS count
RETURN count / CASE WHEN count = size($rows) THEN 1 ELSE 0 END AS count
