// Create RENAMED_TO relationships Diploma -> Diploma (old -> new) from the BCN renovation
// lineage (ANCIEN_DIPLOME_n / NOUVEAU_DIPLOME_n). A lineage, not a study pathway.
// Params: $source (citation of the BCN file), $rows (list of {a, b}). Returns: count.
UNWIND $rows AS r
MATCH (a:Diploma {code: r.a})
MATCH (b:Diploma {code: r.b})
CREATE (a)-[rel:RENAMED_TO]->(b)
SET rel.origin = 'import', rel.kind = 'renovation', rel.source = $source
RETURN count(rel) AS count
