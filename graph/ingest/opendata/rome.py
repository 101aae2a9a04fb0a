"""The ROME job names (``rome.csv``, France Travail, Répertoire opérationnel des métiers et
des emplois): ``code_rome`` -> ``libelle_rome`` (« G1602 » -> « Commis / Commise de cuisine »).

UTF-8 (a BOM is read too), ``;``. Pure parsing into a plain mapping: the importer writes each
diploma's Certif Info job codes with their names (``rome_labels``, in the order of
``rome_codes``), so that a job goal reads « métier ROME G1602 (Commis / Commise de
cuisine) » rather than a bare code.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.ingest.opendata.csvfile import CsvSpec, read_table
from graph.ingest.opendata.report import FileReport

__all__ = ["ROME", "parse_rome_labels"]

ROME = CsvSpec("utf-8-sig", ";", ("code_rome", "libelle_rome"))
_ROME = re.compile(r"^[A-N]\d{4}$")


def parse_rome_labels(path: Path, report: FileReport) -> dict[str, str]:
    """ROME code -> its name; a row without a well-formed code or a name is skipped."""
    t = read_table(path, ROME)
    c_code, c_label = (t.col(n) for n in ROME.required)
    out: dict[str, str] = {}
    for line, row in t.rows:
        report.rows_read += 1
        rome, label = row[c_code].strip().upper(), " ".join(row[c_label].split())
        if not _ROME.match(rome) or not label:
            report.skip("no ROME code (e.g. G1602) or no name", line)
            continue
        if rome in out:
            report.skip("ROME code already listed (kept its first row)", line)
            continue
        out[rome] = label
        report.rows_used += 1
    return out
