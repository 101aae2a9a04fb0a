// Commune facts copied onto actors and offers (denormalised for maps and distances).
// Params: $insee. Returns: insee, commune, departement, region_code, lat, lon.
MATCH (s:Site {insee: $insee})
RETURN s.insee AS insee, s.name AS commune, s.departement AS departement,
       s.region_code AS region_code, s.lat AS lat, s.lon AS lon
