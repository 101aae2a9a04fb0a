// Candidate diploma sequences from the start diplomas along LEADS_TO (passerelles).
// Levels never go down except on reorientation legs; no diploma is visited twice; every step
// after the start is in $allowed (offered in the territory) unless $allowed is null.
// The hop ceiling 6 is lowered by the library to the validated max_hops of the request.
// Params: $start_codes, $allowed, $to, $to_type, $to_level, $goal_codes (diplomas training for
// the goal sector or job), $cap.
// Returns: diplomas (list of maps), legs (list of maps).
MATCH (s:Diploma)
WHERE s.code IN $start_codes
MATCH p = (s)-[:LEADS_TO*1..6]->(g:Diploma)
WHERE all(i IN range(0, length(p) - 1)
          WHERE (relationships(p)[i].kind = 'reorientation'
                 OR coalesce(nodes(p)[i + 1].level, 0) >= coalesce(nodes(p)[i].level, 0))
            AND NOT nodes(p)[i] IN nodes(p)[(i + 1)..])
  AND ($allowed IS NULL OR all(n IN tail(nodes(p)) WHERE n.code IN $allowed))
  AND ($to IS NULL OR g.code = $to)
  AND ($to_type IS NULL OR g.type = $to_type)
  AND ($to_level IS NULL OR g.level >= $to_level)
  AND ($goal_codes IS NULL OR g.code IN $goal_codes)
RETURN [n IN nodes(p) | n {.code, .name, .type, .level, .nsf}] AS diplomas,
       [r IN relationships(p) | r {.passerelle_id, .passerelle_origin, .kind, .rate,
                                   .entrant_share, .reserved_share, .modality}] AS legs
LIMIT $cap
