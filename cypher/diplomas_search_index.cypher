// Every diploma with how many offers it has, for the search by usual names (graph/diploma_search.py).
// Params: none. Returns: code, name, type, level, nsf, rncp, offers.
MATCH (d:Diploma)
OPTIONAL MATCH (:Actor)-[o:OFFERS]->(d)
RETURN d.code AS code, d.name AS name, d.type AS type, d.level AS level, d.nsf AS nsf,
       d.rncp AS rncp, count(o) AS offers
