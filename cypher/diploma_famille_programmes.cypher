// The Bac pros a common 2nde is the first year of, by the famille de métiers the import wrote on
// each of them from familleMetiers.csv (CFD_COMMUN -> CFD_SPECIALITE: famille_common_cfd), with
// the famille's name and whether the BCN closed them (graph/pathways/find.py: what the answer
// from an agricultural 2de professionnelle says first).
// Params: code (the common 2nde's CFD). Returns: code, name, famille, closed.
MATCH (d:Diploma {famille_common_cfd: $code})
RETURN d.code AS code, d.name AS name, d.famille_metiers AS famille, d.closed AS closed
ORDER BY d.code
