// The passerelle legs leaving the given diplomas (null: every leg), with where they hold for a
// source offer (graph.gaps.rows.NextSteps): an inferred leg tied to a campus programme's
// territory holds only for a source offered in from_departements; a documented leg with a
// scope holds for a source offered by one of its parties or in its scope départements —
// for scope 'actors' only when a party offers the source diploma (the source names the source
// side), else everywhere.
// Params: $codes. Returns: source, target, passerelle, kind, origin, from_departements,
// to_departements, scope, scope_actors, scope_departements, source_named.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE $codes IS NULL OR a.code IN $codes
RETURN a.code AS source, b.code AS target, l.passerelle_id AS passerelle, l.kind AS kind,
       l.passerelle_origin AS origin, l.from_departements AS from_departements,
       l.to_departements AS to_departements, l.scope AS scope, l.scope_actors AS scope_actors,
       l.scope_departements AS scope_departements,
       CASE WHEN l.scope = 'actors'
            THEN size([(p:Actor)-[:OFFERS]->(a) WHERE p.id IN l.scope_actors | 1]) > 0
            ELSE false END AS source_named
