// The passerelle legs leaving the given diplomas (null: every leg). A leg into a campus
// programme tied to its territory (from_departements: an inferred open-ended leg, or a campus
// passerelle into its own programme) holds only for a source offered there; to_departements:
// only into a target offered there (null: everywhere; graph.gaps.rows.NextSteps).
// Params: $codes. Returns: source, target, passerelle, kind, origin, from_departements,
// to_departements.
MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma)
WHERE $codes IS NULL OR a.code IN $codes
RETURN a.code AS source, b.code AS target, l.passerelle_id AS passerelle, l.kind AS kind,
       l.passerelle_origin AS origin, l.from_departements AS from_departements,
       l.to_departements AS to_departements
