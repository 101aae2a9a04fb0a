// Upsert Diploma nodes (keyed by CFD) from the BCN nomenclature. BCN facts (bcn_*, dates,
// closed) are always written; name, type, level, NSF group and source only on diplomas no seed
// file describes, so a seed diploma keeps its own. A field missing from a row is null and
// removes the property.
// Params: $run, $sources (map: source key -> citation), $type_labels (map: BCN type code ->
// label), $rows (list of {code, name, norm, short, type_code, type, level, nsf, opened, closes,
// closed, first, last, src}). Returns: count.
UNWIND $rows AS r
MERGE (n:Diploma {code: r.code})
SET n.imported = true, n.import_key = 'Diploma:' + r.code, n.import_run = $run,
    n.bcn_name = r.name, n.bcn_short_label = r.short, n.bcn_type_code = r.type_code,
    n.bcn_type_label = $type_labels[r.type_code], n.bcn_type = r.type, n.bcn_level = r.level,
    n.bcn_nsf = r.nsf, n.opening_date = r.opened, n.closing_date = r.closes,
    n.closed = r.closed, n.first_session = r.first, n.last_session = r.last,
    n.bcn_source = $sources[r.src]
FOREACH (_ IN CASE WHEN coalesce(n.seed, false) THEN [] ELSE [1] END |
  SET n.name = r.name, n.name_norm = r.norm, n.type = r.type, n.level = r.level,
      n.nsf = r.nsf, n.source = $sources[r.src], n.campuses = [])
RETURN count(n) AS count
