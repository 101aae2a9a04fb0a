// Whether a campus exists, and its départements.
// Params: $id. Returns: id, name, short_name, departements.
MATCH (c:Campus {id: $id})
RETURN c.id AS id, c.name AS name, c.short_name AS short_name, c.departements AS departements
