// Every diploma with the fields the pathway search reads (networkx baseline snapshot).
// Params: none. Returns: code, name, type, level, nsf.
MATCH (d:Diploma)
RETURN d.code AS code, d.name AS name, d.type AS type, d.level AS level, d.nsf AS nsf
