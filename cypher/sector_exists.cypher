// Whether a campus sector (filière) exists. Params: $id. Returns: id, name.
MATCH (s:Sector {id: $id})
RETURN s.id AS id, s.name AS name
