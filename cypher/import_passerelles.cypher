// Inferred passerelles of the import, each with its links: a Passerelle node, FROM_DIPLOMA and
// TO_DIPLOMA, and one LEADS_TO for path queries. Their properties are built once, in Python,
// by graph.inference.records (the seed loader uses the same function); relationships are
// marked origin 'import' (the import owns them).
// Params: $run, $rows (list of {id, a, b, props (node), leg (LEADS_TO)}). Returns: count.
UNWIND $rows AS r
MATCH (a:Diploma {code: r.a})
MATCH (b:Diploma {code: r.b})
MERGE (p:Passerelle {id: r.id})
SET p += r.props, p.imported = true, p.import_key = 'Passerelle:' + r.id, p.import_run = $run
CREATE (p)-[f:FROM_DIPLOMA]->(a)
SET f.origin = 'import', f.source = r.props.source
CREATE (p)-[t:TO_DIPLOMA]->(b)
SET t.origin = 'import', t.source = r.props.source
CREATE (a)-[l:LEADS_TO]->(b)
SET l += r.leg, l.origin = 'import'
RETURN count(p) AS count
