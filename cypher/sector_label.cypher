// The name a sector is shown by, for a sector id or a ROME code (a from_level start, a goal
// job). Params: $sector. Returns: name (of a sector with that id), rome (whether a sector lists
// that ROME code), trained (whether a diploma's Certif Info jobs include it: a ROME code
// neither lists nor trains for is unknown), job (the ROME code's name, from a diploma that
// trains for it: rome_labels holds the names of rome_codes in the same order; null when no
// diploma names it; an OPTIONAL MATCH that finds none gives a null d, whence the coalesce:
// range(0, -1) is empty).
OPTIONAL MATCH (s:Sector)
WHERE s.id = $sector
OPTIONAL MATCH (r:Sector)
WHERE $sector IN r.rome
WITH s, count(r) > 0 AS rome
OPTIONAL MATCH (t:Diploma)
WHERE $sector IN t.rome_codes
WITH s, rome, count(t) > 0 AS trained
OPTIONAL MATCH (d:Diploma)
WHERE $sector IN d.rome_codes AND d.rome_labels IS NOT NULL
WITH s, rome, trained,
     [names IN collect([i IN range(0, coalesce(size(d.rome_codes), 0) - 1)
                        WHERE d.rome_codes[i] = $sector AND d.rome_labels[i] <> ''
                        | d.rome_labels[i]])
      WHERE size(names) > 0 | names[0]] AS jobs
RETURN s.name AS name, rome, trained, CASE WHEN size(jobs) > 0 THEN jobs[0] ELSE null END AS job
LIMIT 1
