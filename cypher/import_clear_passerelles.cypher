// Delete the passerelles a previous open-data import inferred, with what links them: the import
// alone writes them (ids 'inf-import-…', no seed describes them, no edit changes them), and
// writes every one of them again next, in the same atomic batch (created anew rather than
// merged: on FalkorDB in bulk). Seed and edited passerelles are never touched.
// Params: none. Returns: deleted (int).
MATCH (p:Passerelle)
WHERE p.imported = true AND NOT coalesce(p.seed, false)
DETACH DELETE p
RETURN count(*) AS deleted
