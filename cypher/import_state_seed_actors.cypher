// Seed actors without a UAI, with their commune, for the import to match them by name and
// commune (graph/ingest/opendata/matching.py). Params: none. Returns: id, name, insee, kind.
MATCH (a:Actor)
WHERE a.seed = true AND a.uai IS NULL
RETURN a.id AS id, a.name AS name, a.insee AS insee, a.kind AS kind
ORDER BY id
