// The passerelle legs leaving the given diplomas with where each holds, to say why a search
// found no pathway when known passerelles lead to the goal in another territory only
// (graph/pathways/elsewhere.py).
// Params: $codes. Returns: source (the diploma left), code, name, official_name, type, level
// (the target), origin, campus, programme_campuses, scope, scope_departements,
// from_departements, to_departements, passerelle, kind.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE a.code IN $codes
RETURN a.code AS source, b.code AS code, b.name AS name, b.official_name AS official_name,
       b.type AS type, b.level AS level, l.passerelle_origin AS origin, l.campus AS campus,
       b.campuses AS programme_campuses, l.scope AS scope,
       l.scope_departements AS scope_departements, l.from_departements AS from_departements,
       l.to_departements AS to_departements, l.passerelle_id AS passerelle, l.kind AS kind
