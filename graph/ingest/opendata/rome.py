"""The ROME job names (``rome.csv``, France Travail, Répertoire opérationnel des métiers et
des emplois): each code with the names of its jobs (« G1602 » -> « Commis / Commise de
cuisine ; Cuisinier / Cuisinière de collectivité »).

UTF-8 (a BOM is read too), ``;``. The file gives no title of a ROME code (« Personnel de
cuisine »): ``libelle_rome`` is the name of one job of the code, and about 77 rows are jobs of
their own (``code_fiche_metier``) whose ``code_rome_parent`` is another code (« F1619 Couvreur /
Couvreuse » under F1610). A code is therefore named by all its jobs: its own row's, then its
child rows', joined by :data:`NAMES_SEP`; shown under its first job alone, F1610 read
« Monteur / Monteuse de panneaux photovoltaïques » for the CAP couvreur. Pure parsing into a
plain mapping: the importer writes each diploma's Certif Info job codes with these names
(``rome_labels``, in the order of ``rome_codes``), and graph/rome_jobs.py finds a job by any
of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.ingest.opendata.csvfile import CsvSpec, read_table
from graph.ingest.opendata.report import FileReport

__all__ = ["NAMES_SEP", "ROME", "RomeFile", "parse_rome", "parse_rome_labels", "rome_labels"]

ROME = CsvSpec("utf-8-sig", ";", ("code_rome", "libelle_rome"))
PARENT = "code_rome_parent"  # optional: files before the ROME 4.0 have no child rows
NAMES_SEP = " ; "  # between the job names of one code (no name holds a « ; »: the separator)
_ROME = re.compile(r"^[A-N]\d{4}$")


def rome_labels(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    """ROME code -> the names of its jobs, from (code, name, parent code) rows: a row whose
    parent is another code listed adds its name to that code (after the code's own), and keeps
    its own code too.

    >>> rome_labels([("F1610", "Monteur / Monteuse de panneaux photovoltaïques", ""),
    ...              ("F1619", "Couvreur / Couvreuse", "F1610"),
    ...              ("A1101", "Conducteur / Conductrice d'engins agricoles", "A1101")])
    ... # doctest: +NORMALIZE_WHITESPACE
    {'A1101': "Conducteur / Conductrice d'engins agricoles",
     'F1610': 'Monteur / Monteuse de panneaux photovoltaïques ; Couvreur / Couvreuse',
     'F1619': 'Couvreur / Couvreuse'}
    """
    own = {code: name for code, name, _ in rows}
    names: dict[str, list[str]] = {code: [name] for code, name in own.items()}
    for code, name, parent in rows:
        if parent and parent != code and parent in names and name not in names[parent]:
            names[parent].append(name)
    return {code: NAMES_SEP.join(names[code]) for code in sorted(names)}


@dataclass(frozen=True)
class RomeFile:
    """What ``rome.csv`` gives: ``labels``, each code's job names (:func:`rome_labels`), and
    ``rows``, each code's own job name and the other code it is filed under (or "")."""

    labels: dict[str, str] = field(default_factory=dict)
    rows: tuple[tuple[str, str, str], ...] = ()


def parse_rome_labels(path: Path, report: FileReport) -> dict[str, str]:
    """ROME code -> the names of its jobs (:func:`rome_labels`)."""
    return parse_rome(path, report).labels


def parse_rome(path: Path, report: FileReport) -> RomeFile:
    """The job names of ``rome.csv`` (:class:`RomeFile`); a row without a well-formed code or a
    name is skipped, a code listed twice keeps its first row."""
    t = read_table(path, ROME)
    c_code, c_label = (t.col(n) for n in ROME.required)
    c_parent = t.opt(PARENT)
    kept: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for line, row in t.rows:
        report.rows_read += 1
        rome, label = row[c_code].strip().upper(), " ".join(row[c_label].split())
        label = label.replace(";", ",")  # the separator of the names (a quoted field may hold it)
        if not _ROME.match(rome) or not label:
            report.skip("no ROME code (e.g. G1602) or no name", line)
            continue
        if rome in seen:
            report.skip("ROME code already listed (kept its first row)", line)
            continue
        seen.add(rome)
        parent = row[c_parent].strip().upper() if c_parent is not None else ""
        kept.append((rome, label, parent if _ROME.match(parent) else ""))
        report.rows_used += 1
    return RomeFile(rome_labels(kept), tuple(kept))
