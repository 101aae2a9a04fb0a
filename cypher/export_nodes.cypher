// Every node carrying one label, with all its properties (cmq export, graph/backup.py).
// Params: $label (a graph.models.Label value). Returns: labels, props.
MATCH (n)
WHERE $label IN labels(n)
RETURN labels(n) AS labels, properties(n) AS props
