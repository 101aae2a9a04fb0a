// cypher/actors_offer_places.cypher for the actors whose offer places an import did not write
// with them: those it did not write ($run: the import's run key, on every actor it wrote) and
// the seed actors (their offers may take their place from the seed: the import does not know
// it whole). Run at the end of an import.
// Params: $run. Returns: count.
MATCH (a:Actor)
WHERE coalesce(a.import_run, '') <> $run OR coalesce(a.seed, false)
OPTIONAL MATCH (a)-[o:OFFERS]->(:Diploma)
WITH a, collect(DISTINCT o.departement) AS departements,
     collect(DISTINCT o.region_code) AS regions, collect(DISTINCT o.campus) AS campuses
SET a.offer_departements = [r IN range(0, size(departements) - 1) |
                            head([x IN departements
                                  WHERE size([y IN departements WHERE y < x]) = r])],
    a.offer_regions = [r IN range(0, size(regions) - 1) |
                       head([x IN regions WHERE size([y IN regions WHERE y < x]) = r])],
    a.offer_campuses = [r IN range(0, size(campuses) - 1) |
                        head([x IN campuses WHERE size([y IN campuses WHERE y < x]) = r])]
RETURN count(a) AS count
