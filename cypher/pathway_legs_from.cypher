// The passerelle legs (LEADS_TO) leaving the given diplomas: one hop of the pathway search,
// which walks hop by hop from Python (graph/pathways.py) and caches each diploma's legs for the
// graph's version (graph/pathway_data.py). A single variable-length query built every path of
// up to six legs before filtering, 30-90x slower at national size (bench/pathways.py).
// Params: $codes. Returns: source, target (codes), leg (list, in the order of
// graph.pathway_data.LEG_FIELDS).
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE a.code IN $codes
RETURN a.code AS source, b.code AS target,
       [l.passerelle_id, l.passerelle_origin, l.kind, l.rate, l.entrant_share, l.reserved_share,
        l.modality, l.strength, l.evidence, l.scope, l.scope_actors, l.scope_departements,
        l.from_departements, l.to_departements, l.evidence_words] AS leg
