// Actors and platforms, with what they offer, for maps; those without coordinates too (lat and
// lon null), so that the map can say how many it could not place.
// Params: the territory's (graph.territory.Territory.query_params): $restrict (false: all),
// $departements (list of stored codes, or null), $region, $campus, and the radius's bounding
// box $min_lat, $max_lat, $min_lon, $max_lon (null without a radius; a place without
// coordinates is kept, its département tells whether the circle may hold it; the exact
// distance is tested in Python).
// Returns: label, id, name, kind, commune, departement, region_code, lat, lon, campuses,
// levels, modalities, level_modalities (each offer's "level:modality", so that a level and a
// modality are matched on the same offer), field_offers (each offer's "nsf:level:modality",
// empty parts for unknown ones: a field of training asked with a level or a modality is
// matched on the same offer), offers (the number of diplomas offered; an offer of a diploma
// the BCN closed, or said closed, is not counted nor its level: the actor's record lists it
// closed or under its successor, graph/offer_lines.py), sectors,
// boarding_places, uai, siret, insee, commune_from, coords_precision (how the import placed it,
// when its place is the imported one: graph/place_precision.py).
MATCH (n)
WHERE (n:Actor OR n:Platform)
  AND (NOT $restrict OR (
        ($campus IS NULL OR $campus IN n.campuses)
    AND ($departements IS NULL OR n.departement IN $departements)
    AND ($region IS NULL OR n.region_code = $region)
    AND ($min_lat IS NULL OR n.lat IS NULL OR n.lon IS NULL
         OR (n.lat >= $min_lat AND n.lat <= $max_lat
             AND n.lon >= $min_lon AND n.lon <= $max_lon))))
OPTIONAL MATCH (n)-[o:OFFERS]->(d:Diploma)
WHERE coalesce(d.closed, false) = false AND coalesce(o.status, 'open') <> 'closed'
WITH n, collect(DISTINCT d.level) AS levels, collect(DISTINCT o.modality) AS modalities,
     collect(DISTINCT CASE WHEN d.level IS NULL OR o.modality IS NULL THEN NULL
                           ELSE toString(d.level) + ':' + o.modality END) AS level_modalities,
     collect(DISTINCT CASE WHEN d.nsf IS NULL THEN NULL
                           ELSE d.nsf + ':' + coalesce(toString(d.level), '') + ':'
                                + coalesce(o.modality, '') END) AS field_offers,
     count(DISTINCT d.code) AS offers
OPTIONAL MATCH (n)-[:WORKS_ON]->(s:Sector)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.kind AS kind, n.commune AS commune,
       n.departement AS departement, n.region_code AS region_code, n.lat AS lat, n.lon AS lon,
       n.campuses AS campuses, levels, modalities, level_modalities, field_offers, offers,
       collect(DISTINCT s.id) AS sectors,
       n.boarding_places AS boarding_places, n.uai AS uai, n.siret AS siret, n.insee AS insee,
       n.commune_from AS commune_from,
       CASE WHEN n.imported_lat IS NOT NULL AND n.lat = n.imported_lat
            THEN n.coords_precision END AS coords_precision
