// Which modalities the graph's offers describe, per kind of diploma (type and level): a step
// of a kind whose offers never name the requested modality is not filtered on it, the data
// cannot tell (graph/pathways/undescribed.py). Params: none. Returns: modality, type, level.
MATCH (:Actor)-[o:OFFERS]->(d:Diploma)
RETURN DISTINCT o.modality AS modality, d.type AS type, d.level AS level
