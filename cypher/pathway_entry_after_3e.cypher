// The diplomas a pupil can enter at the end of 3e (a pathway start « fin de 3e »,
// graph/pathways/after_3e.py): those the Affelnet files (attractivite_capacite_*, the offers
// after 3e) list an offer of, and every CAP and Bac pro (the first year of a CAP, the 2de
// professionnelle), which the files may not list (apprenticeship, seeds-only graph).
// Params: none. Returns: code, type, level, closed, bcn_type (the BCN's type code),
// affelnet (listed by Affelnet).
MATCH (d:Diploma)
WHERE d.level IS NULL OR d.level <= 4
OPTIONAL MATCH (:Actor)-[o:OFFERS]->(d)
WITH d, collect(o) AS offers
WITH d, any(o IN offers WHERE any(f IN coalesce(o.sources, [])
                                  WHERE f STARTS WITH 'attractivite_capacite_')) AS affelnet
WHERE affelnet OR d.type IN ['cap', 'bac_pro']
RETURN d.code AS code, d.type AS type, d.level AS level, d.closed AS closed,
       d.bcn_type_code AS bcn_type,
       affelnet
