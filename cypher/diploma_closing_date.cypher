// The day the BCN closed (or closes) a diploma, to say the year of a closed goal
// (graph/pathways/request.py: the pathway cache keeps no closing date for a closed diploma).
// Params: $code. Returns: closing_date (ISO, or null).
MATCH (d:Diploma {code: $code})
RETURN d.closing_date AS closing_date
