// Every ROME job the graph names: the Certif Info jobs of the diplomas (rome_codes) with the
// names the national import wrote beside them (rome_labels, same order, from rome.csv), for
// a job asked by its name (graph/rome_jobs.py) and GET /jobs. A code without a name is left
// out: nothing could find it by a word.
// Params: none. Returns: code, name, diplomas (how many diplomas train for it).
MATCH (d:Diploma)
WHERE d.rome_codes IS NOT NULL AND d.rome_labels IS NOT NULL
UNWIND range(0, size(d.rome_codes) - 1) AS i
WITH d, d.rome_codes[i] AS code,
     CASE WHEN i < size(d.rome_labels) THEN d.rome_labels[i] ELSE null END AS name
WHERE name IS NOT NULL AND name <> ''
RETURN code, min(name) AS name, count(DISTINCT d) AS diplomas
ORDER BY code
