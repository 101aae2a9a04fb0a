"""The activity rows resolved to diplomas and summed into offers, before the BCN is known.

An activity row names a course year (``MEF_STAT_11``, resolved through nMef) or, in the BTS
files, a CFD. Everything the import derives from the 123 000 rows of a national directory
depends only on the rows and nMef, except which CFDs the BCN knows: so it is computed here, in
the process that parsed the rows (:mod:`ahead`), and handed over as plain values a few times
smaller than the rows. :mod:`plan` then keeps the offers of the CFDs the BCN knows and counts
or skips the rows accordingly (:func:`known_rows`).

One offer per (UAI, CFD, modality), with one entry per year. Within a year: rows of one course
year (UAI + MEF) that are not exact duplicates are distinct classes and add up (a class that
gives a demand but no capacity, an Affelnet placeholder read as unknown, leaves the capacity
unknown: :mod:`placeholders`); capacity and demand are those of the earliest course year that
gives them (the smallest ANNEE_DISPOSITIF: Affelnet lists both 2nde and 1ère pro admissions),
and that course year is kept when it is not the first (a Bac pro listed by its 1re pro only:
its figures are not the entry after 3e, :mod:`entry`); pupils add up over every course year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.ingest.opendata.postbac import bts_file_key
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import MefRow, OfferRow

__all__ = [
    "ActivityOffers",
    "Cells",
    "YearTuple",
    "combine",
    "known_rows",
    "resolve",
    "summed",
    "wanted_mef",
]

NO_MEF = "MEF_STAT_11 not in nMef.csv (and no CFD column)"
# nMef's ANNEE_DISPOSITIF 9: a course year outside the sequence (BPA, CSA, CAPA in one year),
# not a later year of the diploma
NO_SEQUENCE = 9
UNKNOWN_CFD = "CFD not in the BCN files"

# (uai, cfd, modality) -> year -> course year -> [capacity, demand, pupils, files]
Cells = dict[tuple[str, str, str], dict[int, dict[int, list[Any]]]]
# (year, capacity, demand, pupils, source files, entry year): the fields of plan.YearFigures, in
# order; entry year: the course year of capacity and demand when it is not the first (2: the
# 1re pro), else None
YearTuple = tuple[int, int | None, int | None, int | None, tuple[str, ...], int | None]


@dataclass
class ActivityOffers:
    """What the activity files give once resolved through nMef, whatever the BCN knows."""

    cfds: set[str]  # every CFD a row resolves to
    offered: set[tuple[str, str]]  # (UAI, CFD) of every resolved row
    bts_labels: set[tuple[str, str]]  # (postbac.bts_file_key(label), CFD) of labelled rows
    # per activity file, in reading order: CFD -> the lines of the rows resolved to it
    lines: list[dict[str, list[int]]]
    # per activity file: the lines of the rows with neither a known MEF nor a CFD
    no_mef: list[list[int]]
    # (UAI, CFD, modality, years ascending), sorted by (UAI, CFD, modality); None until summed
    offers: list[tuple[str, str, str, list[YearTuple]]] | None = None


def wanted_mef(files: Sequence[Sequence[OfferRow]]) -> set[str]:
    """The course years the rows name (nMef is read for those only)."""
    return {r.mef_stat_11 for rows in files for r in rows if r.mef_stat_11}


def combine(files: Sequence[Sequence[OfferRow]], mef: dict[str, MefRow]) -> ActivityOffers:
    """Each row's CFD, and the rows summed into offers (module docstring)."""
    got, cells = resolve(files, mef)
    got.offers = summed(cells)
    return got


def resolve(
    files: Sequence[Sequence[OfferRow]], mef: dict[str, MefRow]
) -> tuple[ActivityOffers, Cells]:
    """Each row's CFD (through nMef first: the same key every year, and the BTS files' own CFD
    column is wrong for agricultural BTS; else the file's CFD column; a row with neither is
    skipped: :func:`known_rows`), and the cells :func:`summed` makes the offers of."""
    resolved = {k: (m.cfd, m.year_of_course or 1) for k, m in mef.items()}
    label_keys: dict[str, str] = {}
    bts_labels: set[tuple[str, str]] = set()
    lines: list[dict[str, list[int]]] = []
    no_mef: list[list[int]] = []
    cells: Cells = {}
    for rows in files:
        by_cfd: dict[str, list[int]] = {}
        lines.append(by_cfd)
        unresolved: list[int] = []
        no_mef.append(unresolved)
        for line, file, uai, mef_stat_11, cfd, modality, year, cap, dem, pup, label in rows:
            if mef_stat_11 and (got := resolved.get(mef_stat_11)) is not None:
                cfd, course_year = got
            elif cfd is None:
                unresolved.append(line)
                continue
            else:
                course_year = 1
            cfd_lines = by_cfd.get(cfd)
            if cfd_lines is None:
                by_cfd[cfd] = [line]
            else:
                cfd_lines.append(line)
            if label:
                key = label_keys.get(label)
                if key is None:
                    key = label_keys[label] = bts_file_key(label)
                bts_labels.add((key, cfd))
            # the enum's own value attribute: its ``value`` property and hash are Python calls
            offer_key = (uai, cfd, modality._value_)
            years = cells.get(offer_key)
            if years is None:
                cells[offer_key] = {year: {course_year: [cap, dem, pup, [file]]}}
                continue
            per_course = years.get(year)
            if per_course is None:
                years[year] = {course_year: [cap, dem, pup, [file]]}
                continue
            f = per_course.get(course_year)
            if f is None:
                per_course[course_year] = [cap, dem, pup, [file]]
                continue
            if cap is not None:
                # a class whose capacity is unknown (a placeholder: a row with a demand and no
                # capacity) leaves the sum unknown
                if f[0] is not None or f[1] is None:
                    f[0] = cap if f[0] is None else f[0] + cap
            elif dem is not None:
                f[0] = None
            if dem is not None:
                f[1] = dem if f[1] is None else f[1] + dem
            if pup is not None:
                f[2] = pup if f[2] is None else f[2] + pup
            if file not in f[3]:
                f[3].append(file)
    out = ActivityOffers(
        cfds={c for by_cfd in lines for c in by_cfd},
        offered={(uai, cfd) for uai, cfd, _ in cells},
        bts_labels=bts_labels,
        lines=lines,
        no_mef=no_mef,
    )
    return out, cells


def summed(cells: Cells) -> list[tuple[str, str, str, list[YearTuple]]]:
    """The offers of the rows :func:`resolve` put in ``cells``: (UAI, CFD, modality, years
    ascending), sorted."""
    # one tuple per distinct list of files: the pickle to the parent carries each once
    interned: dict[tuple[str, ...], tuple[str, ...]] = {}
    out = []
    for key in sorted(cells):
        by_year = cells[key]
        figures: list[YearTuple] = []
        for year in sorted(by_year) if len(by_year) > 1 else by_year:
            per_course = by_year[year]
            if len(per_course) == 1:
                ((cy, (cap, dem, pup, files)),) = per_course.items()
                sources = tuple(sorted(files)) if len(files) > 1 else (files[0],)
                got = interned.get(sources)
                if got is None:
                    got = interned[sources] = sources
                later = (
                    cy if 1 < cy < NO_SEQUENCE and (cap is not None or dem is not None) else None
                )
                figures.append((year, cap, dem, pup, got, later))
                continue
            entry = min(
                (cy for cy, f in per_course.items() if f[0] is not None or f[1] is not None),
                default=None,
            )
            pupils = [f[2] for f in per_course.values() if f[2] is not None]
            sources = tuple(sorted({s for f in per_course.values() for s in f[3]}))
            figures.append(
                (
                    year,
                    per_course[entry][0] if entry is not None else None,
                    per_course[entry][1] if entry is not None else None,
                    sum(pupils) if pupils else None,
                    interned.setdefault(sources, sources),
                    entry if entry is not None and 1 < entry < NO_SEQUENCE else None,
                )
            )
        out.append((*key, figures))
    return out


def known_rows(
    offers: ActivityOffers, reports: Sequence[FileReport], known: set[str] | dict[str, Any]
) -> None:
    """Each row of a CFD the BCN knows is used; the others are skipped in their file's report,
    in line order, after those that resolve to no CFD."""
    for report, by_cfd, no_mef in zip(reports, offers.lines, offers.no_mef, strict=True):
        for line in no_mef:
            report.skip(NO_MEF, line)
        unknown: list[int] = []
        for cfd, lines in by_cfd.items():
            if cfd in known:
                report.rows_used += len(lines)
            else:
                unknown += lines
        for line in sorted(unknown):
            report.skip(UNKNOWN_CFD, line)
