// Imported offers per source file (an offer counts once per file that gives one of its years),
// for /about. Params: none. Returns: file, offers.
MATCH (:Actor)-[o:OFFERS]->(:Diploma)
WHERE o.origin = 'import'
UNWIND o.sources AS file
RETURN file, count(*) AS offers
ORDER BY file
