// Every campus with its places, so that a gap report uses only the campuses of its territory
// (their filières, demand tables and recruitment figures belong to them: graph/gaps/rows.py).
// Params: none. Returns: id, departements, region_code.
MATCH (c:Campus)
RETURN c.id AS id, c.departements AS departements, c.region_code AS region_code
ORDER BY id
