"""The ROME job reference the national import keeps in the graph: one ``Job`` node per code of
``rome.csv`` (France Travail), with the names of its jobs and the other code it is filed under,
and the job names of ``metier.csv`` (the « appellations »: « Boulanger / Boulangère »,
« Aide à domicile », 11 522 of them) by which words find it. A code no diploma trains for is a
job all the same (« A1401 Vendangeur / Vendangeuse »): the answers can then say the job is known
but nothing of the data trains for it, instead of calling the code unknown (docs/model.md,
« Jobs »).

``metier.csv``: UTF-8 (a BOM is read too), ``;``; ``libelle_appellation_long`` (the name) and
``code_rome``. A row without a well-formed code or a name, or naming a code ``rome.csv`` does
not list, is skipped and reported; a name listed twice for one code is kept once. Pure
parsing and rows; the statements delete the previous import's ``Job`` nodes and write this
one's, with the import's nodes (a code the files no longer list is gone).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.ingest.opendata.csvfile import CsvSpec, read_table
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rome import NAMES_SEP, RomeFile
from graph.store import Statement

__all__ = [
    "METIER",
    "METIER_FILE",
    "MetierRow",
    "job_rows",
    "job_statements",
    "parse_metier",
]

METIER_FILE = "metier.csv"
METIER = CsvSpec("utf-8-sig", ";", ("code_rome", "libelle_appellation_long"))
_ROME = re.compile(r"^[A-N]\d{4}$")
BATCH = 2_000
UNKNOWN_CODE = "ROME code not listed by rome.csv"
NO_CODE = "no ROME code (e.g. G1602) or no name"
LISTED = "job name already listed for its ROME code"


@dataclass(frozen=True)
class MetierRow:
    """One job name of ``metier.csv``: its line, its ROME code, the name."""

    line: int
    code: str
    name: str


def parse_metier(path: Path, report: FileReport) -> list[MetierRow]:
    """The job names of ``metier.csv``, in the file's order; a row without a well-formed code
    or a name is skipped (:func:`job_rows` skips those naming a code ``rome.csv`` lacks)."""
    t = read_table(path, METIER)
    c_code, c_name = (t.col(n) for n in METIER.required)
    out: list[MetierRow] = []
    seen: set[tuple[str, str]] = set()
    for line, row in t.rows:
        report.rows_read += 1
        code, name = row[c_code].strip().upper(), " ".join(row[c_name].split())
        name = name.replace(";", ",")  # the separator of a code's names
        if not _ROME.match(code) or not name:
            report.skip(NO_CODE, line)
            continue
        if (code, name.casefold()) in seen:
            report.skip(LISTED, line)
            continue
        seen.add((code, name.casefold()))
        out.append(MetierRow(line, code, name))
        report.rows_used += 1
    return out


def job_rows(
    rome: RomeFile, metier: Sequence[MetierRow] = (), report: FileReport | None = None
) -> list[dict[str, Any]]:
    """One row per code of ``rome.csv``: ``code``, ``name`` (its own row's job), ``names``
    (its jobs: its own, then those of the codes filed under it), ``parent`` (the code it is
    filed under, or None), ``appellations`` (the names of ``metier.csv`` that are not already
    one of ``names``). A ``metier.csv`` row of a code ``rome.csv`` lacks is skipped (``report``).

    >>> from graph.ingest.opendata.rome import rome_labels
    >>> rows = (("F1610", "Monteur / Monteuse", ""), ("F1619", "Couvreur / Couvreuse", "F1610"))
    >>> rome = RomeFile(rome_labels(list(rows)), rows)
    >>> job_rows(rome, [MetierRow(2, "F1619", "Couvreur / Couvreuse"),
    ...                 MetierRow(3, "F1619", "Couvreur-zingueur / Couvreuse-zingueuse")])[1]
    ... # doctest: +NORMALIZE_WHITESPACE
    {'code': 'F1619', 'name': 'Couvreur / Couvreuse', 'names': ['Couvreur / Couvreuse'],
     'parent': 'F1610', 'appellations': ['Couvreur-zingueur / Couvreuse-zingueuse']}
    """
    codes = {code for code, _, _ in rome.rows}
    by_code: dict[str, list[str]] = {}
    for m in metier:
        if m.code not in codes:
            if report is not None:
                report.rows_used -= 1
                report.skip(UNKNOWN_CODE, m.line)
            continue
        by_code.setdefault(m.code, []).append(m.name)
    out = []
    for code, name, parent in sorted(rome.rows):
        names = rome.labels.get(code, name).split(NAMES_SEP)
        own = {n.casefold() for n in names}
        out.append(
            {
                "code": code,
                "name": name,
                "names": names,
                "parent": parent if parent and parent != code and parent in codes else None,
                "appellations": [n for n in by_code.get(code, ()) if n.casefold() not in own],
            }
        )
    return out


def job_statements(rows: Sequence[Mapping[str, Any]], run: str, source: str) -> list[Statement]:
    """The statements replacing the ``Job`` nodes (cypher/import_clear_jobs.cypher, then
    cypher/import_jobs.cypher by batches)."""
    return [Statement("import_clear_jobs")] + [
        Statement("import_jobs", {"rows": list(rows[i : i + BATCH]), "run": run, "source": source})
        for i in range(0, len(rows), BATCH)
    ]
