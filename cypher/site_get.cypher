// One commune by INSEE code.
// Params: $insee. Returns: insee, name, departement, region_code, lat, lon.
MATCH (s:Site {insee: $insee})
RETURN s.insee AS insee, s.name AS name, s.departement AS departement,
       s.region_code AS region_code, s.lat AS lat, s.lon AS lon
