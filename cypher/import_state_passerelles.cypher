// Ids of the passerelles a previous import inferred. Params: none. Returns: ids (list).
MATCH (p:Passerelle)
WHERE p.imported = true
RETURN collect(p.id) AS ids
