// Every offer with the actor and offer fields pathways_offers returns (baseline snapshot;
// scalar columns, which the client parses faster than maps).
// Params: none. Returns: code, actor and offer fields.
MATCH (a:Actor)-[o:OFFERS]->(d:Diploma)
RETURN d.code AS code, a.id AS a_id, a.name AS a_name, a.kind AS a_kind, a.uai AS a_uai,
       a.boarding_places AS a_boarding_places, a.campuses AS a_campuses,
       o.site AS site, o.commune AS commune, o.departement AS departement,
       o.region_code AS region_code, o.lat AS lat, o.lon AS lon, o.modality AS modality,
       o.status AS status, o.capacity AS capacity, o.year AS year, o.campus AS campus,
       o.source AS source, o.origin AS origin
