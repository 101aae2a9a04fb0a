// Every LEADS_TO relationship with the leg fields pathways_candidates returns (baseline
// snapshot; scalar columns, which the client parses faster than maps).
// Params: none. Returns: a, b, passerelle_id, passerelle_origin, kind, rate, entrant_share,
// reserved_share, modality, strength, evidence (graph.pathways.data.LEG_FIELDS).
MATCH (a:Diploma)-[r:LEADS_TO]->(b:Diploma)
RETURN a.code AS a, b.code AS b, r.passerelle_id AS passerelle_id,
       r.passerelle_origin AS passerelle_origin, r.kind AS kind, r.rate AS rate,
       r.entrant_share AS entrant_share, r.reserved_share AS reserved_share,
       r.modality AS modality, r.strength AS strength, r.evidence AS evidence
