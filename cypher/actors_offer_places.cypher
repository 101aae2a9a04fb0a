// Where each establishment offers: the départements, régions and campuses of its offers, kept
// on the Actor (offer_departements, offer_regions, offer_campuses) so that a gap report reads
// a territory's offers from the establishments that offer there (gaps_offer_rows: a scan of
// the actors, not a traversal of every OFFERS relationship of the country). Run at the end of
// every load, import and restore (the writes that replace offers by the thousand); an edit
// that creates an offer adds its places itself (edit_offer_create). A place may outlive its
// last offer (a deleted offer): the lists may say too much, never too little. Each list is
// sorted (an item's rank is how many items sort before it; a list holds a few items), so
// that a backup restored gives the same graph, property for property.
// Params: none. Returns: count.
MATCH (a:Actor)
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
