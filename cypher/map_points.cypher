// Actors and platforms, with what they offer, for maps; those without coordinates too (lat and
// lon null), so that the map can say how many it could not place.
// Params: $campus, $departements (list of stored codes, or null). Returns: label, id, name,
// kind, commune, departement, lat, lon, campuses, levels, modalities, level_modalities (each
// offer's "level:modality", so that a level and a modality are matched on the same offer), offers
// (the number of diplomas offered), sectors, boarding_places, uai, siret, insee, commune_from,
// coords_precision (how the import placed it, when its place is the imported one:
// graph/place_precision.py).
MATCH (n)
WHERE (n:Actor OR n:Platform)
  AND ($campus IS NULL OR $campus IN n.campuses)
  AND ($departements IS NULL OR n.departement IN $departements)
OPTIONAL MATCH (n)-[o:OFFERS]->(d:Diploma)
WITH n, collect(DISTINCT d.level) AS levels, collect(DISTINCT o.modality) AS modalities,
     collect(DISTINCT CASE WHEN d.level IS NULL OR o.modality IS NULL THEN NULL
                           ELSE toString(d.level) + ':' + o.modality END) AS level_modalities,
     count(DISTINCT d.code) AS offers
OPTIONAL MATCH (n)-[:WORKS_ON]->(s:Sector)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.kind AS kind, n.commune AS commune,
       n.departement AS departement, n.lat AS lat, n.lon AS lon, n.campuses AS campuses,
       levels, modalities, level_modalities, offers, collect(DISTINCT s.id) AS sectors,
       n.boarding_places AS boarding_places, n.uai AS uai, n.siret AS siret, n.insee AS insee,
       n.commune_from AS commune_from,
       CASE WHEN n.imported_lat IS NOT NULL AND n.lat = n.imported_lat
            THEN n.coords_precision END AS coords_precision
