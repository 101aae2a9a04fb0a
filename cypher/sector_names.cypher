// Every filière of the graph by id and name, for the close names an unknown filière is
// answered with. Params: none. Returns: id, name.
MATCH (s:Sector)
RETURN s.id AS id, s.name AS name
ORDER BY id
