"""Certif Info (``certif_info.csv``, Réseau des Carif-Oref): what a diploma leads to.

One row per certification, keyed here by ``Code_Scolarité`` (the BCN CFD): its label in
mixed case with accents (``Bac pro technicien en réalisation de produits mécaniques…``), its
type, European level, Formacode (and label), up to five ROME job codes, NSF group, RNCP and RS
codes. A CFD that several certifications share with *different* labels (a generic code such as
``33633502``) is ambiguous and left out: nothing is attached to it.

Pure parsing into plain :class:`Certification` records, used by the importer (diploma
properties, readable names) and by the pathway inference (evidence for continuations).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.ingest.opendata.csvfile import CsvSpec, code, read_table
from graph.ingest.opendata.report import FileReport

__all__ = [
    "CERTIF_INFO",
    "Certification",
    "Row",
    "parse_certif_info",
    "read_certifications",
    "read_rows",
]

CERTIF_INFO = CsvSpec(
    "utf-8-sig",
    ";",
    ("Libelle_Diplome", "Code_Scolarité", "Code_Rome_1", "Code_Nsf", "Code_RNCP"),
)
_ROME = re.compile(r"^[A-N]\d{4}$")
_CFD = re.compile(r"^[0-9A-Z]{8}$")
_DIGITS = re.compile(r"^\d{1,9}$")


@dataclass(frozen=True)
class Certification:
    cfd: str
    label: str  # mixed case, accents
    type_label: str | None
    european_level: int | None
    formacodes: tuple[str, ...]
    formacode_labels: tuple[str, ...]
    romes: tuple[str, ...]
    nsf: str | None
    rncp: tuple[str, ...]
    rs: tuple[str, ...]
    line: int


def _merge(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*a, *b)))


# One row of the file as read, whatever the import keeps: its line, its CFD (None: the row
# has none of the right shape), and its certification or why it is skipped.
Row = tuple[int, str | None, Certification | str]
_NOT_IMPORTED = "CFD not among the imported diplomas"


def read_rows(path: Path) -> Iterator[Row]:
    """Every row as :func:`read_certifications` judges it before knowing which diplomas are
    imported (read once, for the import and the continuation evidence alike)."""
    t = read_table(path, CERTIF_INFO)
    c_label, c_cfd = t.col("Libelle_Diplome"), t.col("Code_Scolarité")
    c_romes = [t.opt(f"Code_Rome_{i}") for i in range(1, 6)]
    c_nsf, c_rncp, c_rs = t.col("Code_Nsf"), t.col("Code_RNCP"), t.opt("Code_RS")
    c_type, c_level = t.opt("Libelle_Type_Diplome"), t.opt("Code_Niveau_Europeen")
    c_fc, c_fcl = t.opt("Code_FormaCode"), t.opt("Libelle_FormaCode")
    for line, row in t.rows:
        cfd = code(row[c_cfd], 8)
        if not cfd:
            yield line, None, "no CFD (Code_Scolarité): a certification outside the BCN"
            continue
        if not _CFD.match(cfd):
            yield line, None, "Code_Scolarité is not a CFD"
            continue
        label = " ".join(row[c_label].split())
        if not label:
            yield line, cfd, "no label"
            continue
        romes = tuple(
            dict.fromkeys(v for c in c_romes if c is not None and _ROME.match(v := row[c].strip()))
        )
        level = row[c_level].strip() if c_level is not None else ""
        nsf = code(row[c_nsf], 3)
        yield (
            line,
            cfd,
            Certification(
                cfd=cfd,
                label=label,
                type_label=(row[c_type].strip() or None) if c_type is not None else None,
                european_level=int(level) if level.isdigit() else None,
                formacodes=tuple(v for v in [row[c_fc].strip()] if _DIGITS.match(v))
                if c_fc is not None
                else (),
                formacode_labels=tuple(v for v in [row[c_fcl].strip()] if v)
                if c_fcl is not None
                else (),
                romes=romes,
                nsf=nsf if nsf.isdigit() and len(nsf) == 3 else None,
                rncp=tuple(v for v in [row[c_rncp].strip()] if _DIGITS.match(v)),
                rs=tuple(v for v in [row[c_rs].strip()] if _DIGITS.match(v))
                if c_rs is not None
                else (),
                line=line,
            ),
        )


def read_certifications(
    path: Path,
    report: FileReport,
    only: set[str] | None = None,
    rows: Iterable[Row] | None = None,
) -> Iterator[Certification]:
    """Each usable row as it stands, not merged: a CFD may come several times, with one label
    or several (the pathway inference takes every row's codes as evidence). Codes of the wrong
    shape are left out of the lists, not errors: Certif Info is an enrichment, never the key of
    an imported fact. ``rows``: the file's :func:`read_rows`, read already."""
    for line, cfd, got in read_rows(path) if rows is None else rows:
        report.rows_read += 1
        if cfd is None:
            report.skip(got, line)  # type: ignore[arg-type]
        elif only is not None and cfd not in only:
            report.skip(_NOT_IMPORTED, line)
        elif isinstance(got, str):
            report.skip(got, line)
        else:
            yield got


def parse_certif_info(
    path: Path,
    report: FileReport,
    only: set[str] | None = None,
    rows: Iterable[Row] | None = None,
) -> dict[str, Certification]:
    """CFD -> its certification (rows of one CFD and one label merged: ROME, Formacode, RNCP
    and RS codes united). ``rows``: the file's :func:`read_rows`, read already."""
    out: dict[str, Certification] = {}
    ambiguous: set[str] = set()
    for cert in read_certifications(path, report, only, rows):
        cfd, label, line = cert.cfd, cert.label, cert.line
        prev = out.get(cfd)
        if cfd in ambiguous or (prev is not None and prev.label.casefold() != label.casefold()):
            ambiguous.add(cfd)
            out.pop(cfd, None)
            report.skip("CFD shared by certifications of different labels (ambiguous)", line)
            continue
        if prev is not None:
            cert = Certification(
                cfd=cfd,
                label=prev.label,
                type_label=prev.type_label or cert.type_label,
                european_level=prev.european_level or cert.european_level,
                formacodes=_merge(prev.formacodes, cert.formacodes),
                formacode_labels=_merge(prev.formacode_labels, cert.formacode_labels),
                romes=_merge(prev.romes, cert.romes),
                nsf=prev.nsf or cert.nsf,
                rncp=_merge(prev.rncp, cert.rncp),
                rs=_merge(prev.rs, cert.rs),
                line=prev.line,
            )
        out[cfd] = cert
        report.rows_used += 1
    return out
