// Whether a campus exists, and its départements.
// Params: $id. Returns: id, departements.
MATCH (c:Campus {id: $id})
RETURN c.id AS id, c.departements AS departements
