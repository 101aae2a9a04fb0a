// Every offer of the given diplomas, for the pathway search's cache (graph/pathway_data.py);
// the territory and modality are checked in Python, so a cached diploma serves every request.
// Lists rather than maps: the client decodes them about twice as fast.
// Params: $codes. Returns: code, actor (id), offer (list, the first 13 of
// graph.pathway_data.OFFER_FIELDS, in their order), rare (list of the 8 others, in their order,
// or null when all 8 are: most offers, whose nulls were a third of the values decoded at
// national size). coords_precision: the programme offer's own, else the
// establishment's when the offer has the imported place (graph/place_precision.py);
// commune_from: how the import found the establishment's commune, when the offer's is it
// ("coordinates": only near it, graph/ingest/opendata/named_commune.py); entry_year,
// entry_capacity, entry_demand: which entry capacity and demand describe (2: the 1re pro) and
// the entry after 3e through the common 2nde (graph/ingest/opendata/entry.py).
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
WHERE d.code IN $codes
WITH d, a, o,
     [o.demand, o.common_year,
      coalesce(o.coords_precision,
               CASE WHEN a.imported_lat IS NOT NULL AND o.lat = a.imported_lat
                    THEN a.coords_precision END),
      CASE WHEN o.commune = a.imported_commune THEN a.commune_from END,
      o.entry_year, o.entry_capacity, o.entry_demand,
      CASE WHEN toLower(o.programme_label) CONTAINS 'distanciel' THEN true END] AS rare
RETURN d.code AS code, a.id AS actor,
       [o.site, o.commune, o.departement, o.region_code, o.lat, o.lon, o.modality, o.status,
        o.capacity, o.year, o.campus, o.source, o.origin] AS offer,
       CASE WHEN all(x IN rare WHERE x IS NULL) THEN null ELSE rare END AS rare
