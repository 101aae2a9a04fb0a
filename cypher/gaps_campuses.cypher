// Every campus with its places and names, so that a gap report uses only the campuses of its
// territory (their filières, demand tables and recruitment figures belong to them:
// graph/gaps/rows.py) and names the campus a filière belongs to (graph/gaps/demand.py).
// Params: none. Returns: id, departements, region_code, short_name, name.
MATCH (c:Campus)
RETURN c.id AS id, c.departements AS departements, c.region_code AS region_code,
       c.short_name AS short_name, c.name AS name
ORDER BY id
