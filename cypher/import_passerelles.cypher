// Inferred passerelles of the import, each with its links, in the shape the seed loader gives
// them: a Passerelle node (origin 'inferred', the rule, conditions), FROM_DIPLOMA and
// TO_DIPLOMA, and one LEADS_TO (passerelle_origin 'inferred') for path queries. Relationships
// are marked origin 'import' (the import owns them).
// Params: $run, $rules (map: rule -> text), $source (citation of the BCN file), $rows (list of
// {id, a, b, kind, rule, match, modality}). Returns: count.
UNWIND $rows AS r
MATCH (a:Diploma {code: r.a})
MATCH (b:Diploma {code: r.b})
MERGE (p:Passerelle {id: r.id})
SET p.kind = r.kind, p.origin = 'inferred', p.rule = r.rule, p.modality = r.modality,
    p.conditions = $rules[r.rule] + ' Correspondance : ' + r.match + '.',
    p.from_codes = [r.a], p.to_codes = [r.b], p.parties = [],
    p.source = 'inferred by rule ' + r.rule + ' (docs/inferred-passerelles.md) over ' + $source,
    p.imported = true, p.import_key = 'Passerelle:' + r.id, p.import_run = $run
CREATE (p)-[f:FROM_DIPLOMA]->(a)
SET f.origin = 'import', f.source = p.source
CREATE (p)-[t:TO_DIPLOMA]->(b)
SET t.origin = 'import', t.source = p.source
CREATE (a)-[l:LEADS_TO]->(b)
SET l.origin = 'import', l.passerelle_id = r.id, l.passerelle_origin = 'inferred',
    l.kind = r.kind, l.modality = r.modality, l.rule = r.rule, l.source = p.source
RETURN count(p) AS count
