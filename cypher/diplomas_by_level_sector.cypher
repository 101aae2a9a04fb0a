// Diplomas of a level, optionally training for a sector (start of a pathway from a level).
// Params: $level, $sector. Returns: code.
MATCH (d:Diploma)
WHERE d.level = $level
  AND ($sector IS NULL OR (d)-[:TRAINS_FOR]->(:Sector {id: $sector}))
RETURN d.code AS code
