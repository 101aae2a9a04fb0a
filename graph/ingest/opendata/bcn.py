"""The BCN diploma nomenclature: diplomas (CFD), their types/levels, and MEF -> CFD.

- ``nFormationDiplome_.csv`` (Windows-1252, ``;``): one row per diploma, with the renovation
  lineage ``ANCIEN_DIPLOME_1..7`` / ``NOUVEAU_DIPLOME_1..7``.
- ``vFormationDiplome_.csv`` (UTF-8 with BOM): the same core columns for every ministry; read
  only to describe codes the activity files or the lineage name and nFormationDiplome_ lacks.
- ``nNiveauFormationDiplome_.csv`` (UTF-8): diploma types (``NIVEAU_FORMATION_DIPLOME``).
- ``nMef.csv`` (UTF-8 with BOM): course years; ``MEF_STAT_11`` -> ``FORMATION_DIPLOME``.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.errors import SeedError
from graph.ingest.opendata.csvfile import CsvSpec, code, read_table
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import DiplomaRow, LevelRow, MefRow, columns, validate
from graph.ingest.opendata.values import integer, iso_date, opt, rncp_level

LINEAGE = tuple(range(1, 8))
_CORE = (
    "FORMATION_DIPLOME",
    "NIVEAU_FORMATION_DIPLOME",
    "GROUPE_SPECIALITE",
    "LIBELLE_COURT",
    "LIBELLE_LONG_200",
    "DATE_OUVERTURE",
    "DATE_FERMETURE",
)
NFD = CsvSpec(
    "cp1252",
    ";",
    _CORE
    + tuple(f"ANCIEN_DIPLOME_{i}" for i in LINEAGE)
    + tuple(f"NOUVEAU_DIPLOME_{i}" for i in LINEAGE),
)
VFD = CsvSpec("utf-8-sig", ";", _CORE)
LEVELS = CsvSpec("utf-8-sig", ";", ("NIVEAU_FORMATION_DIPLOME", "LIBELLE_COURT", "LIBELLE_100"))
MEF = CsvSpec("utf-8-sig", ";", ("MEF", "FORMATION_DIPLOME", "MEF_STAT_11"))

columns(
    DiplomaRow,
    {
        "code": "FORMATION_DIPLOME",
        "level_code": "NIVEAU_FORMATION_DIPLOME",
        "nsf": "GROUPE_SPECIALITE",
        "name": "LIBELLE_LONG_200",
        "first_session": "DATE_PREMIERE_SESSION",
        "last_session": "DATE_DERNIERE_SESSION",
        "predecessors": "ANCIEN_DIPLOME_n",
        "successors": "NOUVEAU_DIPLOME_n",
    },
)
columns(MefRow, {"mef_stat_11": "MEF_STAT_11", "mef": "MEF", "cfd": "FORMATION_DIPLOME"})
columns(LevelRow, {"code": "NIVEAU_FORMATION_DIPLOME"})


def parse_levels(path: Path, report: FileReport) -> dict[str, LevelRow]:
    t = read_table(path, LEVELS)
    c_code, c_short, c_long = (
        t.col("NIVEAU_FORMATION_DIPLOME"),
        t.col("LIBELLE_COURT"),
        t.col("LIBELLE_100"),
    )
    c_rncp = t.opt("NIVEAU_QUALIFICATION_RNCP")
    out: dict[str, LevelRow] = {}
    for line, row in t.rows:
        report.rows_read += 1
        data = {
            "line": line,
            "code": code(row[c_code]),
            "short_label": row[c_short].strip(),
            "label": row[c_long].strip(),
            "rncp_level": rncp_level(row[c_rncp]) if c_rncp is not None else None,
        }
        lv = validate(LevelRow, data, path, line)
        if lv.code in out:
            report.skip("duplicate NIVEAU_FORMATION_DIPLOME", line)
            continue
        out[lv.code] = lv
        report.rows_used += 1
    return out


# vFormationDiplome_'s rows the import does not read (parse_diplomas' ``only`` and ``levels``)
NOT_NEEDED_DIPLOMA = (
    "diploma neither named by an offer and missing from nFormationDiplome_ nor a BUT or licence pro"
)


# nFormationDiplome_'s codes that support apprenticeship MEFs of a whole field (N_COMMENTAIRE
# « Support pour mefs apprentissage »: 17010999 « FORMATIONS GENERALES (ING) », 25032999
# « COMMUNICATION ET INFORMATION (LIC PRO) », the TH1–TH5, master and licence ones, 135 codes
# ending in 999, named after an NSF group): no diploma one prepares or holds, so no step nor
# goal of a pathway (« Formations générales (ING) » was offered as an engineering goal after a
# BTS, reached by 47 inferred legs)
SUPPORT_CODE = "BCN support code for apprenticeship MEFs of a field, not a diploma"
_SUPPORT = re.compile(r"^\s*support pour mefs apprentissage", re.IGNORECASE)


def is_support_code(comment: str | None) -> bool:
    """Whether a BCN row's N_COMMENTAIRE says it only supports apprenticeship MEFs.

    >>> is_support_code("Support pour mefs apprentissage"), is_support_code("GH unique.")
    (True, False)
    >>> is_support_code(None)
    False
    """
    return bool(comment and _SUPPORT.match(comment))


def parse_diplomas(
    path: Path,
    report: FileReport,
    spec: CsvSpec = NFD,
    only: set[str] | None = None,
    levels: frozenset[str] = frozenset(),
) -> dict[str, DiplomaRow]:
    """Every diploma of the file (or only the codes in ``only`` and those of the type codes
    ``levels``), keyed by CFD.

    Exact duplicate rows are skipped; two different rows for one CFD stop the import (which
    one is right cannot be told).
    """
    t = read_table(path, spec)
    ix = {name: t.col(name) for name in _CORE}
    anc = [t.opt(f"ANCIEN_DIPLOME_{i}") for i in LINEAGE]
    nou = [t.opt(f"NOUVEAU_DIPLOME_{i}") for i in LINEAGE]
    c_first, c_last = t.opt("DATE_PREMIERE_SESSION"), t.opt("DATE_DERNIERE_SESSION")
    c_rncp, c_int = t.opt("NIVEAU_QUALIFICATION_RNCP"), t.opt("DATE_INTERVENTION")
    c_note = t.opt("N_COMMENTAIRE")
    out: dict[str, DiplomaRow] = {}
    raw_of: dict[str, tuple[int, list[str]]] = {}
    name = path.name
    for line, row in t.rows:
        report.rows_read += 1
        cfd = code(row[ix["FORMATION_DIPLOME"]], 8)
        if (
            only is not None
            and cfd not in only
            and row[ix["NIVEAU_FORMATION_DIPLOME"]].strip() not in levels
        ):
            report.leave_out(NOT_NEEDED_DIPLOMA, line)
            continue
        if c_note is not None and is_support_code(row[c_note]):
            report.leave_out(SUPPORT_CODE, line)
            continue
        if cfd in raw_of:
            first_line, first = raw_of[cfd]
            if first == row:
                report.skip("exact duplicate row", line)
                continue
            raise SeedError(
                path,
                f"line {line}",
                "FORMATION_DIPLOME",
                f"CFD {cfd} is described twice, differently (first at line {first_line})",
            )
        raw_of[cfd] = (line, row)
        data = {
            "line": line,
            "file": name,
            "code": cfd,
            "level_code": code(row[ix["NIVEAU_FORMATION_DIPLOME"]], 3),
            "nsf": opt(code(row[ix["GROUPE_SPECIALITE"]], 3)),
            "short_label": row[ix["LIBELLE_COURT"]].strip(),
            "name": row[ix["LIBELLE_LONG_200"]],
            "opening_date": iso_date(row[ix["DATE_OUVERTURE"]], path, line, "DATE_OUVERTURE"),
            "closing_date": iso_date(row[ix["DATE_FERMETURE"]], path, line, "DATE_FERMETURE"),
            "first_session": integer(row[c_first], path, line, "DATE_PREMIERE_SESSION")
            if c_first is not None
            else None,
            "last_session": integer(row[c_last], path, line, "DATE_DERNIERE_SESSION")
            if c_last is not None
            else None,
            "rncp_level": rncp_level(row[c_rncp]) if c_rncp is not None else None,
            "intervention_date": iso_date(row[c_int], path, line, "DATE_INTERVENTION")
            if c_int is not None
            else None,
            "predecessors": tuple(
                dict.fromkeys(code(row[i], 8) for i in anc if i is not None and row[i].strip())
            ),
            "successors": tuple(
                dict.fromkeys(code(row[i], 8) for i in nou if i is not None and row[i].strip())
            ),
        }
        d = validate(DiplomaRow, data, path, line, report=report)
        if d is None:
            continue
        out[cfd] = d
        report.rows_used += 1
    return out


def parse_mef(path: Path, report: FileReport, only: set[str] | None = None) -> dict[str, MefRow]:
    """MEF_STAT_11 -> its course year and CFD (only the codes in ``only``, if given: the
    activity files name a few thousand of the table's course years).

    A MEF_STAT_11 shared by two MEF rows (the BCN reuses a statistical code after closing the
    old MEF) resolves to the row that closes last (open rows first).
    """
    t = read_table(path, MEF)
    c_mef, c_cfd, c_stat = t.col("MEF"), t.col("FORMATION_DIPLOME"), t.col("MEF_STAT_11")
    c_dur, c_year, c_close = (
        t.opt("DUREE_DISPOSITIF"),
        t.opt("ANNEE_DISPOSITIF"),
        t.opt("DATE_FERMETURE"),
    )
    out: dict[str, MefRow] = {}
    for line, row in t.rows:
        report.rows_read += 1
        stat = code(row[c_stat], 11)
        if only is not None and stat not in only:
            report.leave_out("MEF_STAT_11 named by no activity file", line)
            continue
        data = {
            "line": line,
            "mef": code(row[c_mef], 10),
            "cfd": code(row[c_cfd], 8),
            "mef_stat_11": stat,
            "duration": integer(row[c_dur], path, line, "DUREE_DISPOSITIF")
            if c_dur is not None
            else None,
            "year_of_course": integer(row[c_year], path, line, "ANNEE_DISPOSITIF")
            if c_year is not None
            else None,
            "closing_date": iso_date(row[c_close], path, line, "DATE_FERMETURE")
            if c_close is not None
            else None,
        }
        m = validate(MefRow, data, path, line, report=report)
        if m is None:
            continue
        prev = out.get(m.mef_stat_11)
        if prev is not None:
            if (prev.closing_date or "9999") >= (m.closing_date or "9999"):
                report.skip("MEF_STAT_11 reused by an older MEF (kept the latest)", line)
                continue
            report.skip("MEF_STAT_11 reused by an older MEF (kept the latest)", prev.line)
            report.rows_used -= 1
        out[m.mef_stat_11] = m
        report.rows_used += 1
    return out


def entry_closings(path: Path, year: int = 1) -> dict[str, str]:
    """CFD -> the day its course year ``year`` closes (ISO), for a diploma every MEF of that
    year of which nMef closes (``ANNEE_DISPOSITIF``, ``DATE_FERMETURE`` set): nobody enters it
    in that year after that day, whatever its later years (the 2de pro of the Bac pro
    conducteur transport routier marchandises, 40031107, closes on 31/08/2025, its 1re pro,
    where a CAP holder enters, on 31/08/2026, its terminale on 31/08/2027). The latest of
    them: a CAP whose 2-year first year closes in 2025 and 1-year one in 2026 is entered until
    2026. A diploma with one MEF of that year open (no closing date) is not named.
    The whole table is read (not only the course years the activity files name: an open first
    year they do not name keeps the entry open).

    Rows with an unreadable year or date are left out here (:func:`parse_mef` reports them).
    """
    return entry_closings_by_year(path, (year,))[0]


def entry_closings_by_year(path: Path, years: tuple[int, ...]) -> list[dict[str, str]]:
    """:func:`entry_closings` of each of ``years``, in that order, the table read once (the
    import asks for the first and second course years: one read of nMef instead of two)."""
    t = read_table(path, MEF)
    c_cfd = t.col("FORMATION_DIPLOME")
    c_year, c_close = t.opt("ANNEE_DISPOSITIF"), t.opt("DATE_FERMETURE")
    if c_year is None or c_close is None:
        return [{} for _ in years]
    wanted = {str(y): n for n, y in enumerate(years)}
    latest: list[dict[str, str]] = [{} for _ in years]
    open_: list[set[str]] = [set() for _ in years]
    for line, row in t.rows:
        n = wanted.get(row[c_year].strip())
        if n is None:
            continue
        cfd = code(row[c_cfd], 8)
        try:
            closes = iso_date(row[c_close], path, line, "DATE_FERMETURE")
        except SeedError:
            continue
        if closes is None:
            open_[n].add(cfd)  # one first year open: the entry is open
        elif closes > latest[n].get(cfd, ""):
            latest[n][cfd] = closes
    return [
        {c: d for c, d in sorted(got.items()) if c not in shut}
        for got, shut in zip(latest, open_, strict=True)
    ]


def first_year_cfds(path: Path) -> set[str]:
    """The CFDs nMef gives a first course year (``ANNEE_DISPOSITIF`` 1) at all, open or
    closed: of the others (the agricultural diplomas, which nMef does not list) the table
    tells nothing of the entry."""
    t = read_table(path, MEF)
    c_cfd, c_year = t.col("FORMATION_DIPLOME"), t.opt("ANNEE_DISPOSITIF")
    if c_year is None:
        return set()
    return {code(row[c_cfd], 8) for _, row in t.rows if row[c_year].strip() == "1"}
