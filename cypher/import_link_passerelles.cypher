// The links of the import's passerelles (import_passerelles wrote the nodes): FROM_DIPLOMA and
// TO_DIPLOMA, and one LEADS_TO for path queries, marked origin 'import' (the import owns
// them). FalkorDB writes the same relationships in bulk (graph/ingest/opendata/links.py).
// Params: $rows (the rows of import_passerelles: {id, a, b, props, leg}). Returns: count.
UNWIND $rows AS r
MATCH (p:Passerelle {id: r.id})
MATCH (a:Diploma {code: r.a})
MATCH (b:Diploma {code: r.b})
CREATE (p)-[f:FROM_DIPLOMA]->(a)
SET f.origin = 'import', f.source = r.props.source
CREATE (p)-[t:TO_DIPLOMA]->(b)
SET t.origin = 'import', t.source = r.props.source
CREATE (a)-[l:LEADS_TO]->(b)
SET l += r.leg, l.origin = 'import'
RETURN count(p) AS count
