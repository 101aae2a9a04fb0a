// Diplomas that train for a sector, given by its id or by one of its ROME codes, each with
// what ties it (graph/pathways/job_scope.py decides which ties hold in the territory asked):
// `campus`: a seed sector's TRAINS_FOR (its id or its ROME codes match), a fact of the
// campuses covering that sector (`campuses`, none for a sector of no campus); `rome`: the
// diploma's Certif Info jobs (rome_codes, the national import) include the ROME code asked or,
// for a sector given by its id, one of the sector's (the Mecanic Vallée's second « Soudeurs »
// row, tagged on no diploma, is the job H2913); `nsf`: its NSF group is one of the sector's
// (a public link, read outside the sector's campuses: graph/campus_scope.py).
// Params: $sector. Returns: code, link, campuses.
MATCH (d:Diploma)-[:TRAINS_FOR]->(s:Sector)
WHERE s.id = $sector OR $sector IN coalesce(s.rome, [])
OPTIONAL MATCH (c:Campus)-[:COVERS]->(s)
WITH d, s, collect(DISTINCT c.id) AS campuses
RETURN d.code AS code, 'campus' AS link, campuses
UNION
MATCH (d:Diploma)
WHERE $sector IN d.rome_codes
RETURN d.code AS code, 'rome' AS link, [] AS campuses
UNION
MATCH (s:Sector {id: $sector})
UNWIND coalesce(s.rome, []) AS rome
MATCH (d:Diploma)
WHERE rome IN d.rome_codes
RETURN d.code AS code, 'rome' AS link, [] AS campuses
UNION
MATCH (s:Sector {id: $sector})
UNWIND coalesce(s.nsf, []) AS nsf
MATCH (d:Diploma)
WHERE d.nsf = nsf
RETURN d.code AS code, 'nsf' AS link, [] AS campuses
