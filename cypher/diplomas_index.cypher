// Codes and normalised names of every diploma (to suggest close matches for an unknown code).
// Params: none. Returns: code, name, name_norm.
MATCH (d:Diploma)
RETURN d.code AS code, d.name AS name, d.name_norm AS name_norm
