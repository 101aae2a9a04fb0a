// Upsert Diploma nodes (keyed by CFD) from the BCN nomenclature. BCN facts (bcn_*, dates,
// closed, official_name: the BCN's upper-case text; entry_closed: the day nMef closes every
// first course year of the diploma, second_closed its second, graph/ingest/opendata/bcn.py
// entry_closings) and what the diploma leads to (Certif Info:
// rome_codes, formacodes, rncp_codes, rs_codes; rome.csv: rome_labels, the names of rome_codes;
// optionsBTS.csv: rome_options, the options whose ROME codes a BTS common first year takes;
// diplomesProfessionnels: cpc, cpc_secteur;
// familleMetiers: famille_metiers; entry_level: 4 where its offers are Parcoursup programmes,
// entered after the bac) are always written; name (the readable label with accents
// where Certif Info or diplomesProfessionnels give one, else the BCN text), type, level, NSF
// group and source only on diplomas no seed file describes, so a seed diploma keeps its own;
// a seed diploma named by the BCN's upper-case text itself (the national continuations table)
// takes the readable label of the same diploma, so one answer never mixes both spellings.
// A field missing from a row is null and removes the property.
// Params: $run, $sources (map: source key -> citation), $type_labels (map: BCN type code ->
// label), $rows (list of {code, name, readable, readable_src, norm, short, type_code, type,
// level, nsf, opened, closes, closed, first, last, entry_closed, second_closed, src, romes, rome_options, rome_labels, formacodes,
// formacode_labels,
// rncp, rs, certif_type, certif_nsf, cpc, cpc_secteur, famille, famille_common, entry}).
// Returns: count.
UNWIND $rows AS r
MERGE (n:Diploma {code: r.code})
SET n.imported = true, n.import_key = 'Diploma:' + r.code, n.import_run = $run,
    n.bcn_name = r.name, n.official_name = r.name, n.bcn_short_label = r.short,
    n.bcn_type_code = r.type_code, n.bcn_type_label = $type_labels[r.type_code],
    n.bcn_type = r.type, n.bcn_level = r.level, n.bcn_nsf = r.nsf,
    n.opening_date = r.opened, n.closing_date = r.closes,
    n.closed = r.closed, n.first_session = r.first, n.last_session = r.last,
    n.entry_closed = r.entry_closed, n.second_closed = r.second_closed,
    n.bcn_source = $sources[r.src],
    n.readable_name = r.readable, n.readable_name_source = r.readable_src,
    n.rome_codes = r.romes, n.rome_options = r.rome_options, n.rome_labels = r.rome_labels, n.formacodes = r.formacodes, n.formacode_labels = r.formacode_labels,
    n.rncp_codes = r.rncp, n.rs_codes = r.rs, n.certif_type = r.certif_type,
    n.certif_nsf = r.certif_nsf, n.cpc = r.cpc, n.cpc_secteur = r.cpc_secteur,
    n.famille_metiers = r.famille, n.famille_common_cfd = r.famille_common,
    n.entry_level = r.entry
FOREACH (_ IN CASE WHEN coalesce(n.seed, false) THEN [] ELSE [1] END |
  SET n.name = coalesce(r.readable, r.name), n.name_norm = r.norm, n.type = r.type,
      n.level = r.level, n.nsf = r.nsf, n.source = $sources[r.src], n.campuses = [])
FOREACH (_ IN CASE WHEN coalesce(n.seed, false) AND r.readable IS NOT NULL AND r.name = n.name
  THEN [1] ELSE [] END | SET n += {name: r.readable})
RETURN count(n) AS count
