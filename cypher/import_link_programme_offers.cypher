// Create OFFERS relationships Actor -> Diploma for the programmes of the Parcoursup extract:
// one per (establishment, programme), placed at the programme's own GPS point where the extract
// gives one, else at the establishment. No figures: the extract gives none.
// Params: $file (the extract's file name), $source (its citation), $rows (list of {uai, code,
// label, modality, lat, lon}). Returns: count.
UNWIND $rows AS r
MATCH (a:Actor {uai: r.uai})
MATCH (d:Diploma {code: r.code})
CREATE (a)-[o:OFFERS]->(d)
SET o.origin = 'import', o.status = 'open', o.modality = r.modality,
    o.programme_label = r.label, o.sources = [$file], o.source = $source,
    o.site = coalesce(a.imported_insee, a.insee),
    o.commune = coalesce(a.imported_commune, a.commune),
    o.departement = coalesce(a.imported_departement, a.departement),
    o.region_code = coalesce(a.imported_region_code, a.region_code),
    o.lat = coalesce(r.lat, a.imported_lat, a.lat),
    o.lon = coalesce(r.lon, a.imported_lon, a.lon),
    o.coords_precision = CASE WHEN r.lat IS NULL THEN coalesce(a.coords_precision, 'unknown')
                              ELSE 'programme' END
RETURN count(o) AS count
