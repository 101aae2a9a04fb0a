// Write the ROME job reference (graph/ingest/opendata/jobs.py): one Job node per code of
// rome.csv, with its own job's name, the names of its jobs (its own, then those of the codes
// filed under it), the code it is filed under (parent) and the job names of metier.csv
// (appellations). The previous import's were deleted first (import_clear_jobs).
// Params: $run, $source (citation), $rows (list of {code, name, names, parent,
// appellations}). Returns: count.
UNWIND $rows AS r
MERGE (j:Job {code: r.code})
SET j.name = r.name, j.names = r.names, j.parent = r.parent, j.appellations = r.appellations,
    j.source = $source, j.imported = true, j.import_key = 'Job:' + r.code, j.import_run = $run
RETURN count(j) AS count
