// Every relationship of one type, with the labels and business keys of its two ends
// (cmq export, graph/backup.py).
// Params: $type (a graph.models.RelType value), $keys (map label -> business-key property, from
// graph.schema). Returns: from_labels, from_key, to_labels, to_key, props.
MATCH (a)-[r]->(b)
WHERE type(r) = $type
RETURN labels(a) AS from_labels, a[$keys[labels(a)[0]]] AS from_key,
       labels(b) AS to_labels, b[$keys[labels(b)[0]]] AS to_key, properties(r) AS props
