// Create PART_OF relationships Actor -> Actor from the directory's "etablissement_mere" (a
// section of a lycée is part of the lycée), unless the two are already linked.
// Params: $source (citation of the directory), $rows (list of {a, b}: child UAI, parent UAI).
// Returns: count.
UNWIND $rows AS r
MATCH (a:Actor {uai: r.a})
MATCH (b:Actor {uai: r.b})
WHERE NOT (a)-[:PART_OF]->(b)
CREATE (a)-[rel:PART_OF]->(b)
SET rel.origin = 'import',
    rel.source = $source + ' (etablissement_mere of ' + r.a + ')'
RETURN count(rel) AS count
