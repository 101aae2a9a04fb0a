// The Certif Info jobs of one diploma (rome_codes, the national import) with their names
// (rome_labels, same order, from rome.csv), for a job goal the start diploma is not tied to
// (graph/pathways/related_job.py). Params: $code. Returns: codes, labels (null without them).
MATCH (d:Diploma {code: $code})
RETURN d.rome_codes AS codes, d.rome_labels AS labels
