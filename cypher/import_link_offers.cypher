// Create OFFERS relationships Actor -> Diploma from the activity files: one per (establishment,
// diploma, modality), with the latest year's figures, the list of years and every year's
// figures in history_json; pressure = demand / capacity when both are known. The place (site,
// commune, département, région, lat, lon) is copied from the establishment as imported, else
// as the seed describes it.
// Params: $sources (map: file name -> citation), $spans (map: key -> {years, files}: the
// distinct year and file lists, shared by many offers), $rows (list of {uai, code, modality,
// span, capacity, demand, pupils, history_json; status 'renewed' and renewed_from for an offer
// presumed from a closed predecessor's, graph/ingest/opendata/renewal.py; common_year: the
// common 2nde whose later offer carries a Bac pro's on to its year, same module; entry_year 2
// when the figures are of the 1re pro, with the common 2nde's there as entry_capacity and
// entry_demand, graph/ingest/opendata/entry.py}). Returns: count.
UNWIND $rows AS r
MATCH (a:Actor {uai: r.uai})
MATCH (d:Diploma {code: r.code})
WITH a, d, r, $spans[r.span] AS span
CREATE (a)-[o:OFFERS]->(d)
SET o.origin = 'import', o.status = coalesce(r.status, 'open'), o.modality = r.modality,
    o.renewed_from = r.renewed_from, o.common_year = r.common_year,
    o.year = last(span.years), o.years = span.years, o.source_year = last(span.years),
    o.capacity = r.capacity, o.demand = r.demand, o.pupils = r.pupils,
    o.pressure = CASE WHEN r.capacity > 0 AND r.demand IS NOT NULL
                      THEN round(1000.0 * r.demand / r.capacity) / 1000.0 END,
    o.history_json = r.history_json, o.sources = span.files,
    o.source = reduce(s = '', f IN span.files |
                      s + CASE WHEN s = '' THEN '' ELSE '; ' END + $sources[f]),
    o.site = coalesce(a.imported_insee, a.insee),
    o.commune = coalesce(a.imported_commune, a.commune),
    o.departement = coalesce(a.imported_departement, a.departement),
    o.region_code = coalesce(a.imported_region_code, a.region_code),
    o.lat = coalesce(a.imported_lat, a.lat),
    o.lon = coalesce(a.imported_lon, a.lon),
    o.entry_year = r.entry_year, o.entry_capacity = r.entry_capacity,
    o.entry_demand = r.entry_demand
RETURN count(o) AS count
