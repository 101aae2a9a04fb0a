// Diploma -> sector links with the sector's kind and ROME codes (goal sectors and filières of
// the baseline). Params: none. Returns: code, sector, kind, rome.
MATCH (d:Diploma)-[:TRAINS_FOR]->(s:Sector)
RETURN d.code AS code, s.id AS sector, s.kind AS kind, s.rome AS rome
