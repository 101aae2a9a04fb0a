// Inferred passerelles of the import: the Passerelle nodes (their relationships are written
// next by import_link_passerelles, or in bulk on FalkorDB). A row whose diplomas are not both
// in the graph writes nothing. Their properties are built once, in Python, by
// graph.inference.records (the seed loader uses the same function).
// Params: $run, $rows (list of {id, a, b, props (node), leg (LEADS_TO)}). Returns: count.
UNWIND $rows AS r
MATCH (a:Diploma {code: r.a})
MATCH (b:Diploma {code: r.b})
MERGE (p:Passerelle {id: r.id})
SET p += r.props, p.imported = true, p.import_key = 'Passerelle:' + r.id, p.import_run = $run
RETURN count(p) AS count
