// Diplomas of a level, optionally training for a sector (id or ROME code): pathway starts.
// Params: $level, $sector. Returns: code.
MATCH (d:Diploma)
WHERE d.level = $level
  AND ($sector IS NULL OR any(s IN [(d)-[:TRAINS_FOR]->(x:Sector) | x]
                              WHERE s.id = $sector OR $sector IN s.rome))
RETURN d.code AS code
