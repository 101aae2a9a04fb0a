// Upsert the post-bac programmes of the Parcoursup extract that no BCN code describes, as
// Diploma nodes keyed by a stable identifier derived from their label ("PS-BUT-…"): type,
// RNCP level (none for a CPGE), entry level (4: Parcoursup admits after the bac), whether the
// kind also admits at bac+2 (admits_bac2), the label as published. Descriptive properties are
// set only on nodes no seed describes.
// Params: $run, $source (citation of the extract), $rows (list of {code, name, norm, label,
// kind, type, level, entry, bac2, nsf, nsf_groups}). The NSF group is derived from the BCN's
// labels of the same speciality (BUT); nsf_groups: the groups of its parcours when the BCN
// classes them apart (then no nsf). Returns: count.
UNWIND $rows AS r
MERGE (n:Diploma {code: r.code})
SET n.imported = true, n.import_key = 'Diploma:' + r.code, n.import_run = $run,
    n.programme_kind = r.kind, n.programme_label = r.label, n.entry_level = r.entry,
    n.admits_bac2 = r.bac2, n.programme_source = $source
FOREACH (_ IN CASE WHEN coalesce(n.seed, false) THEN [] ELSE [1] END |
  SET n.name = r.name, n.name_norm = r.norm, n.type = r.type, n.level = r.level,
      n.nsf = r.nsf, n.nsf_groups = r.nsf_groups, n.source = $source, n.campuses = [])
RETURN count(n) AS count
