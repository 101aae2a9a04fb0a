// Which modalities the graph's offers describe, per kind of diploma (type and level), and
// whether an imported offer names that kind: a step of a kind the imported files cover but
// whose offers never name the requested modality is not filtered on it, the data cannot tell
// (graph/pathways/undescribed.py). Params: none. Returns: modality, type, level, imported.
MATCH (:Actor)-[o:OFFERS]->(d:Diploma)
RETURN DISTINCT o.modality AS modality, d.type AS type, d.level AS level,
       coalesce(o.origin = 'import', false) AS imported
