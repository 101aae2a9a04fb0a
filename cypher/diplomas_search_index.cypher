// Every diploma with how many offers it has, for the search by usual names (graph/diploma_search.py),
// with whether the BCN closed it and the diplomas that replaced it (RENAMED_TO).
// Params: none. Returns: code, name, official_name, type, level, nsf, nsf_groups, rncp, closed, closing_date,
// successors (list of {code, name, official_name, type}), offers, rome_codes (its Certif Info
// jobs, a diploma found by their names: « soudeur » finds the CAP that trains soudeurs).
MATCH (d:Diploma)
OPTIONAL MATCH (d)-[:RENAMED_TO]->(n:Diploma)
WITH d, collect(CASE WHEN n IS NULL THEN NULL ELSE
  {code: n.code, name: n.name, official_name: n.official_name, type: n.type} END) AS successors
OPTIONAL MATCH (:Actor)-[o:OFFERS]->(d)
RETURN d.code AS code, d.name AS name, d.official_name AS official_name, d.type AS type,
       d.level AS level, d.nsf AS nsf, d.nsf_groups AS nsf_groups, d.rncp AS rncp, d.closed AS closed,
       d.closing_date AS closing_date, successors, count(o) AS offers,
       d.rome_codes AS rome_codes
