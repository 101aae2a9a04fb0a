// Upsert Site nodes (communes, keyed by INSEE code) from the open-data import. Import facts
// are always written; name, coordinates and source only on sites no seed file describes, so a
// seed site keeps its own. A field missing from a row is null and removes the property.
// Params: $run, $sources (map: source key -> citation), $rows (list of {insee, name, norm,
// departement, region_code, lat, lon, coords, src}). Returns: count.
UNWIND $rows AS r
MERGE (n:Site {insee: r.insee})
SET n.imported = true, n.import_key = 'Site:' + r.insee, n.import_run = $run,
    n.imported_name_site = r.name, n.coords_source = r.coords,
    n.imported_site_source = $sources[r.src]
FOREACH (_ IN CASE WHEN coalesce(n.seed, false) THEN [] ELSE [1] END |
  SET n.name = r.name, n.name_norm = r.norm, n.departement = r.departement,
      n.region_code = r.region_code, n.lat = r.lat, n.lon = r.lon, n.source = $sources[r.src])
RETURN count(n) AS count
