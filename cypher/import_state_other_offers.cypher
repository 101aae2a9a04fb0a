// The places of the offers an import keeps (seed and edited offers: every OFFERS but its own),
// by establishment UAI, for the import to write each establishment's offer places with it
// (offer_departements… as cypher/actors_offer_places.cypher computes them).
// Params: none. Returns: uai, departement, region_code, campus.
MATCH (a:Actor)-[o:OFFERS]->(:Diploma)
WHERE a.uai IS NOT NULL AND coalesce(o.origin, '') <> 'import'
RETURN a.uai AS uai, o.departement AS departement, o.region_code AS region_code,
       o.campus AS campus
