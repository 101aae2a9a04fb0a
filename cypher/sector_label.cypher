// The name a sector is shown by, for a sector id or a ROME code (the start of a from_level
// question). Params: $sector. Returns: name (of a sector with that id), rome (whether a
// sector lists that ROME code).
OPTIONAL MATCH (s:Sector)
WHERE s.id = $sector
OPTIONAL MATCH (r:Sector)
WHERE $sector IN r.rome
RETURN s.name AS name, count(r) > 0 AS rome
LIMIT 1
