"""Activity files: who offers which course year, with pupils, capacity and demand.

- ``constat_<year>.csv`` (DEPP, UTF-8 BOM): pupils per (UAI, ``Mef Bcp 11``), voie scolaire.
- ``attractivite_capacite_<year>.csv`` (Affelnet, UTF-8): capacity and first wishes per
  (UAI, ``MEF STAT 11``, status); the same UAI+MEF can appear twice with different figures
  (two offers: ``nb_apparitions_uai_mefstat``).
- ``BTS_attractivite_capacite_<year>.csv`` (Parcoursup, UTF-8, with a BOM from 2024): places
  and confirmed wishes per (UAI, ``MEFSTAT11``, ``STATUT``); 2024 has no CFD column.

Parsers yield :class:`OfferRow` objects (the course year as ``MEF_STAT_11``); mapping to
diplomas and aggregation happen in :mod:`graph.ingest.opendata.plan`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from graph.errors import SeedError
from graph.ingest.opendata.csvfile import CsvSpec, code, read_table
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import OfferRow, offer_row
from graph.ingest.opendata.values import integer
from graph.ingest.opendata.vocab import MODALITY
from graph.models import Modality

Keep = Callable[[str], bool]

CONSTAT = CsvSpec("utf-8-sig", ";", ("UAI", "Mef Bcp 11", "Nombre d'élèves : Total"))
AFFELNET = CsvSpec(
    "utf-8-sig",
    ";",
    (
        "Etablissement d'accueil",
        "MEF STAT 11",
        "Statut Offre de formation",
        "Capacité carte scolaire",
        "Demandes vœux 1",
    ),
)
BTS = CsvSpec(
    "utf-8-sig", ";", ("UAI", "MEFSTAT11", "NB_VOEUX_CONFIRMES", "STATUT", "CAPACITEPSUP")
)

_CONSTAT_COLS = {"uai": "UAI", "mef_stat_11": "Mef Bcp 11", "pupils": "Nombre d'élèves : Total"}
_AFFELNET_COLS = {
    "uai": "Etablissement d'accueil",
    "mef_stat_11": "MEF STAT 11",
    "capacity": "Capacité carte scolaire",
    "demand": "Demandes vœux 1",
}
_BTS_COLS = {
    "uai": "UAI",
    "mef_stat_11": "MEFSTAT11",
    "cfd": "CFD rectifié",
    "capacity": "CAPACITEPSUP",
    "demand": "NB_VOEUX_CONFIRMES",
}

_YEAR = re.compile(r"(\d{4})\D*$")


def year_of(path: Path) -> int:
    m = _YEAR.search(path.stem)
    if not m:
        raise SeedError(path, "file", None, "no year in the file name (…_<yyyy>.csv)")
    return int(m.group(1))


def _modality(value: str, path: Path, line: int, column: str) -> Modality:
    m = MODALITY.get(value.strip().upper())
    if m is None:
        raise SeedError(
            path,
            f"line {line}",
            column,
            f"unknown status {value!r} (expected one of {', '.join(sorted(MODALITY))})",
        )
    return m


def _duplicate(
    row: list[str], line: int, seen: dict[tuple[str, ...], int], report: FileReport
) -> bool:
    """An exact copy of an earlier row is skipped (counted once); rows that only share
    UAI + course year are distinct offers and are kept."""
    key = tuple(row)
    if key in seen:
        report.skip("exact duplicate row", line)
        return True
    seen[key] = line
    return False


def _codes(width: int | None = None) -> Callable[[str], str]:
    """:func:`code` remembered per cell text: a file names the same UAIs and course years on
    many rows (a national constat: 44 000 rows, 9 000 UAIs)."""
    seen: dict[str, str] = {}

    def get(value: str) -> str:
        c = seen.get(value)
        if c is None:
            c = seen[value] = code(value, width)
        return c

    return get


def _count(value: str, path: Path, line: int, column: str) -> int | None:
    """:func:`integer`, with the common case (digits only) first."""
    if value.isdigit() and value.isascii():
        return int(value)
    return integer(value, path, line, column)


def parse_constat(path: Path, report: FileReport, keep: Keep) -> Iterator[OfferRow]:
    t = read_table(path, CONSTAT)
    c_uai, c_mef, c_n = t.col("UAI"), t.col("Mef Bcp 11"), t.col("Nombre d'élèves : Total")
    c_year = t.opt("Rentrée scolaire")
    file_year = year_of(path)
    name = path.name
    seen: dict[tuple[str, ...], int] = {}
    uai_of, mef_of = _codes(), _codes(11)
    for line, row in t.rows:
        report.rows_read += 1
        uai = uai_of(row[c_uai])
        if not keep(uai):
            report.filtered += 1
            continue
        if _duplicate(row, line, seen, report):
            continue
        year = file_year
        if c_year is not None and row[c_year].strip():
            year = integer(row[c_year], path, line, "Rentrée scolaire") or file_year
            if year != file_year:
                raise SeedError(
                    path,
                    f"line {line}",
                    "Rentrée scolaire",
                    f"year {year} in a file named for {file_year}",
                )
        offer = offer_row(
            path,
            line,
            _CONSTAT_COLS,
            report,
            file=name,
            uai=uai,
            mef_stat_11=mef_of(row[c_mef]),
            cfd=None,
            modality=Modality.SCHOOL,  # the constat counts pupils under school status
            year=year,
            capacity=None,
            demand=None,
            pupils=_count(row[c_n], path, line, "Nombre d'élèves : Total"),
            label=None,
        )
        if offer is not None:
            yield offer


def parse_affelnet(path: Path, report: FileReport, keep: Keep) -> Iterator[OfferRow]:
    t = read_table(path, AFFELNET)
    c_uai, c_mef, c_status, c_cap, c_dem = (t.col(n) for n in AFFELNET.required)
    c_census = t.opt("Voeu de recensement O/N")
    year = year_of(path)
    name = path.name
    seen: dict[tuple[str, ...], int] = {}
    uai_of, mef_of = _codes(), _codes(11)
    for line, row in t.rows:
        report.rows_read += 1
        uai = uai_of(row[c_uai])
        if not keep(uai):
            report.filtered += 1
            continue
        if _duplicate(row, line, seen, report):
            continue
        if c_census is not None and row[c_census].strip().upper() == "O":
            report.skip("voeu de recensement (a census wish, not an offer)", line)
            continue
        offer = offer_row(
            path,
            line,
            _AFFELNET_COLS,
            report,
            file=name,
            uai=uai,
            mef_stat_11=mef_of(row[c_mef]),
            cfd=None,
            modality=_modality(row[c_status], path, line, "Statut Offre de formation"),
            year=year,
            capacity=_count(row[c_cap], path, line, "Capacité carte scolaire"),
            demand=_count(row[c_dem], path, line, "Demandes vœux 1"),
            pupils=None,
            label=None,
        )
        if offer is not None:
            yield offer


def parse_bts(path: Path, report: FileReport, keep: Keep) -> Iterator[OfferRow]:
    t = read_table(path, BTS)
    c_uai, c_mef, c_dem, c_status, c_cap = (t.col(n) for n in BTS.required)
    c_cfd = t.opt("CFD rectifié")
    if c_cfd is None:
        c_cfd = t.opt("CFD")
    c_label = next((i for h, i in t.index.items() if h.startswith("LIBELL")), None)
    year = year_of(path)
    name = path.name
    seen: dict[tuple[str, ...], int] = {}
    uai_of, mef_of, cfd_of = _codes(), _codes(11), _codes(8)
    for line, row in t.rows:
        report.rows_read += 1
        uai = uai_of(row[c_uai])
        if not keep(uai):
            report.filtered += 1
            continue
        if _duplicate(row, line, seen, report):
            continue
        cfd = cfd_of(row[c_cfd]) if c_cfd is not None else ""
        offer = offer_row(
            path,
            line,
            _BTS_COLS,
            report,
            file=name,
            uai=uai,
            mef_stat_11=mef_of(row[c_mef]) or None,
            cfd=cfd or None,
            modality=_modality(row[c_status], path, line, "STATUT"),
            year=year,
            capacity=_count(row[c_cap], path, line, "CAPACITEPSUP"),
            demand=_count(row[c_dem], path, line, "NB_VOEUX_CONFIRMES"),
            pupils=None,
            label=row[c_label].strip() if c_label is not None else None,
        )
        if offer is not None:
            yield offer
