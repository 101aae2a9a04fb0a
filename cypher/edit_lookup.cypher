// Which of the given keys exist, for validating an edit before writing it.
// Params: $actors, $diplomas, $sites, $sectors, $campuses, $passerelles (lists of keys).
// Returns: label, key.
MATCH (n:Actor) WHERE n.id IN $actors RETURN 'Actor' AS label, n.id AS key
UNION ALL
MATCH (n:Diploma) WHERE n.code IN $diplomas RETURN 'Diploma' AS label, n.code AS key
UNION ALL
MATCH (n:Site) WHERE n.insee IN $sites RETURN 'Site' AS label, n.insee AS key
UNION ALL
MATCH (n:Sector) WHERE n.id IN $sectors RETURN 'Sector' AS label, n.id AS key
UNION ALL
MATCH (n:Campus) WHERE n.id IN $campuses RETURN 'Campus' AS label, n.id AS key
UNION ALL
MATCH (n:Passerelle) WHERE n.id IN $passerelles RETURN 'Passerelle' AS label, n.id AS key
