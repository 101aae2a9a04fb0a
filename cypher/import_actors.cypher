// Upsert establishments (Actor nodes) by UAI. An actor that already has the UAI (a seed actor
// with its slug id) is that establishment: it keeps its id, facts and sources and only gains
// the import's properties (imported_name, nature, imported_source…); a new one gets the id
// "uai-<uai>" and the descriptive properties too. A field missing from a row is null and
// removes the property. The source is the citations of the directories describing it. The
// places of its offers (the import's and those it keeps, sorted lists; see
// cypher/actors_offer_places.cypher) come with it: a seed actor's are written again at the
// end (cypher/actors_offer_places_not_imported.cypher).
// Params: $run, $sources (map: file name -> citation), $natures (map: nature code -> label),
// $rows (list of {uai, name, norm, kind, nature, type, public, insee, commune, commune_from,
// departement, region_code, lat, lon, coords, described_by, unknown, siret, url, parent, opened,
// flags, offer_departements, offer_regions, offer_campuses}).
// Returns: count.
UNWIND $rows AS r
WITH r, CASE WHEN size(coalesce(r.described_by, [])) = 0
             THEN 'open-data activity files (UAI only)'
             ELSE reduce(s = '', f IN r.described_by |
                         s + CASE WHEN s = '' THEN '' ELSE '; ' END + $sources[f]) END AS source
MERGE (n:Actor {uai: r.uai})
  ON CREATE SET n.id = 'uai-' + toLower(r.uai)
SET n.imported = true, n.import_key = 'Actor:' + r.uai, n.import_run = $run,
    n.imported_name = r.name, n.imported_kind = r.kind, n.nature = r.nature,
    n.nature_label = $natures[r.nature], n.establishment_type = r.type,
    n.imported_public = r.public, n.imported_insee = r.insee, n.imported_commune = r.commune,
    n.imported_departement = r.departement, n.imported_region_code = r.region_code,
    n.imported_lat = r.lat, n.imported_lon = r.lon, n.coords_precision = r.coords,
    n.described = size(coalesce(r.described_by, [])) > 0,
    n.described_by = coalesce(r.described_by, []),
    n.unknown_fields = r.unknown, n.imported_source = source, n.imported_siret = r.siret,
    n.imported_url = r.url, n.parent_uai = r.parent, n.opening_date = r.opened,
    n.directory_flags = r.flags
FOREACH (_ IN CASE WHEN coalesce(n.seed, false) THEN [] ELSE [1] END |
  SET n.name = r.name, n.name_norm = r.norm, n.kind = r.kind, n.public = r.public,
      n.siret = r.siret, n.url = r.url, n.insee = r.insee, n.commune = r.commune,
      n.commune_from = r.commune_from,
      n.departement = r.departement, n.region_code = r.region_code, n.lat = r.lat,
      n.lon = r.lon, n.campuses = [], n.source = source)
SET n.offer_departements = r.offer_departements, n.offer_regions = r.offer_regions,
    n.offer_campuses = r.offer_campuses
RETURN count(n) AS count
