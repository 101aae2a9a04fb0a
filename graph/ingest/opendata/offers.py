"""The activity rows resolved to diplomas and summed into offers, before the BCN is known.

An activity row names a course year (``MEF_STAT_11``, resolved through nMef) or, in the BTS
files, a CFD. Everything the import derives from the 123 000 rows of a national directory
depends only on the rows and nMef, except which CFDs the BCN knows: so it is computed here, in
the process that parsed the rows (:mod:`ahead`), and handed over as plain values a few times
smaller than the rows. :mod:`plan` then keeps the offers of the CFDs the BCN knows and counts
or skips the rows accordingly (:func:`known_rows`).

A FCIL (formation complémentaire d'initiative locale) is no diploma: the BTS files list each
under one MEF of the BCN's « formation complémentaire non diplômante » (48199901), with its own
label (« FCIL - Mécanicien en compétition automobile - Option monoplace »). Each is keyed by its
label, as the Parcoursup extract's programmes are (:func:`postbac.programme_code`, the same key
for the extract's row of the same FCIL): two FCILs are never one programme (``fcil``).

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
from itertools import chain, compress
from operator import add, attrgetter
from typing import Any, NamedTuple

from graph.ingest.opendata.bycolumns import indices
from graph.ingest.opendata.postbac import bts_file_key, classify, programme_code
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import MefRow, OfferRow

__all__ = [
    "ActivityOffers",
    "Cells",
    "OfferColumns",
    "YearTuple",
    "combine",
    "known_rows",
    "offer_columns",
    "resolve",
    "summed",
    "wanted_mef",
]

NO_MEF = "MEF_STAT_11 not in nMef.csv (and no CFD column)"
# nMef's ANNEE_DISPOSITIF 9: a course year outside the sequence (BPA, CSA, CAPA in one year),
# not a later year of the diploma
NO_SEQUENCE = 9
UNKNOWN_CFD = "CFD not in the BCN files"

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
    # the FCILs of labelled rows, keyed by their label (their code, in ``cfds``, replaces the
    # BCN's generic one): code -> the label as the file gives it
    fcil: dict[str, str] | None = None


def fcil_code(label: str) -> str | None:
    """The key of a FCIL by its label (:func:`postbac.programme_code`), None for a label of
    another programme.

    >>> fcil_code("FCIL - Mécanicien en compétition automobile - Option monoplace") == (
    ...     fcil_code("FCIL   Mecanicien en competition automobile   Option monoplace"))
    True
    >>> fcil_code("FCIL - SPA Praticien(ne)")[:8], fcil_code("BTS - Services - Tourisme")
    ('PS-FCIL-', None)
    """
    p = classify(label)
    return programme_code(p) if p.kind.key == "fcil" else None


class OfferColumns(NamedTuple):
    """Summed offers (:func:`summed`) as columns, to hand over between processes: one entry
    per offer in the first four (``years``: how many years it has), one per year in the
    others, the offers' years one after the other. The same values as the offers' tuples, a
    third of their pickle's time each way (52 000 offers, 102 000 years nationally)."""

    uai: list[str]
    cfd: list[str]
    modality: list[str]
    years: list[int]
    year: list[int]
    capacity: list[int | None]
    demand: list[int | None]
    pupils: list[int | None]
    sources: list[tuple[str, ...]]
    entry_year: list[int | None]


def offer_columns(offers: Sequence[tuple[str, str, str, list[YearTuple]]]) -> OfferColumns:
    """``offers`` (:func:`summed`) as :class:`OfferColumns`."""
    if not offers:
        return OfferColumns([], [], [], [], [], [], [], [], [], [])
    uai, cfd, modality, years = zip(*offers, strict=True)
    flat = list(chain.from_iterable(years))
    per_year = zip(*flat, strict=True) if flat else [()] * 6
    return OfferColumns(
        list(uai), list(cfd), list(modality), list(map(len, years)), *map(list, per_year)
    )


def wanted_mef(files: Sequence[Sequence[OfferRow]]) -> set[str]:
    """The course years the rows name (nMef is read for those only)."""
    return {r.mef_stat_11 for rows in files for r in rows if r.mef_stat_11}


def combine(files: Sequence[Sequence[OfferRow]], mef: dict[str, MefRow]) -> ActivityOffers:
    """Each row's CFD, and the rows summed into offers (module docstring)."""
    got, cells = resolve(files, mef)
    got.offers = summed(cells)
    return got


class Cells(NamedTuple):
    """The resolved rows of every file, in reading order, by columns (what :func:`summed`
    makes the offers of)."""

    uai: list[str]
    cfd: list[str]
    modality: list[str]  # the modality's value
    year: list[int]
    course_year: list[int]
    capacity: list[int | None]
    demand: list[int | None]
    pupils: list[int | None]
    file: list[str]


def resolve(
    files: Sequence[Sequence[OfferRow]], mef: dict[str, MefRow]
) -> tuple[ActivityOffers, Cells]:
    """Each row's CFD (through nMef first: the same key every year, and the BTS files' own CFD
    column is wrong for agricultural BTS; else the file's CFD column; a row with neither is
    skipped: :func:`known_rows`), and the cells :func:`summed` makes the offers of."""
    resolved = {k: (m.cfd, m.year_of_course or 1) for k, m in mef.items()}
    label_keys: dict[str, str] = {}
    bts_labels: set[tuple[str, str]] = set()
    fcil: dict[str, str] = {}
    fcil_of: dict[str, str | None] = {}
    lines: list[dict[str, list[int]]] = []
    no_mef: list[list[int]] = []
    cells = Cells([], [], [], [], [], [], [], [], [])
    for rows in files:
        by_cfd: dict[str, list[int]] = {}
        lines.append(by_cfd)
        unresolved: list[int] = []
        no_mef.append(unresolved)
        if not rows:
            continue
        line, file, uai, mefs, cfd, modality, year, cap, dem, pup, label = zip(*rows, strict=True)
        known = {m: resolved.get(m) if m else None for m in set(mefs)}
        got = list(map(known.__getitem__, mefs))
        if None in got:  # the file's CFD, else none
            for i in indices(list(map(_is_none, got))):
                got[i] = (cfd[i], 1) if cfd[i] is not None else None
            if None in got:
                kept = list(map(_is_some, got))
                unresolved += compress(line, map(_is_none, got))
                line, file, uai, modality, year, cap, dem, pup, label = (
                    tuple(compress(c, kept))
                    for c in (line, file, uai, modality, year, cap, dem, pup, label)
                )
                got = list(compress(got, kept))
            if not got:
                continue
        cfds, course_years = zip(*got, strict=True)
        if any(label):
            for text in set(label):
                if text and text not in fcil_of:
                    fcil_of[text] = code = fcil_code(text)
                    if code is not None:
                        fcil.setdefault(code, text)
            if any(fcil_of.get(text) for text in set(label) if text):
                cfds = tuple(
                    (fcil_of.get(text) if text else None) or c
                    for c, text in zip(cfds, label, strict=True)
                )
        for c, n in zip(cfds, line, strict=True):
            cfd_lines = by_cfd.get(c)
            if cfd_lines is None:
                by_cfd[c] = [n]
            else:
                cfd_lines.append(n)
        if any(label):
            for text in set(label):
                if text and text not in label_keys:
                    label_keys[text] = bts_file_key(text)
            labelled = list(map(bool, label))
            bts_labels.update(
                zip(
                    map(label_keys.__getitem__, compress(label, labelled)),
                    compress(cfds, labelled),
                    strict=True,
                )
            )
        cells.uai.extend(uai)
        cells.cfd.extend(cfds)
        # the enum's own value attribute: its ``value`` property is a Python call
        cells.modality.extend(map(_VALUE, modality))
        cells.year.extend(year)
        cells.course_year.extend(course_years)
        cells.capacity.extend(cap)
        cells.demand.extend(dem)
        cells.pupils.extend(pup)
        cells.file.extend(file)
    out = ActivityOffers(
        cfds=set(cells.cfd),
        offered=set(zip(cells.uai, cells.cfd, strict=True)),
        bts_labels=bts_labels,
        lines=lines,
        no_mef=no_mef,
        fcil=fcil,
    )
    return out, cells


_VALUE = attrgetter("_value_")


def _is_none(x: object) -> bool:
    return x is None


def _is_some(x: object) -> bool:
    return x is not None


def summed(cells: Cells) -> list[tuple[str, str, str, list[YearTuple]]]:
    """The offers of the rows :func:`resolve` put in ``cells``: (UAI, CFD, modality, years
    ascending), sorted. A year of an offer given by one row has that row's figures; the rows
    of a year given by several are added up (module docstring): pupils only (the constat's
    course years) as they come, the others folded again by course year (:func:`_add`)."""
    if cells.year != sorted(cells.year):  # the rows in year order (stable: the same folds)
        order = sorted(range(len(cells.year)), key=cells.year.__getitem__)
        columns: list[Any] = [list(map(column.__getitem__, order)) for column in cells]
        cells = Cells(*columns)
    uai, cfd, modality, year, course_year, cap, dem, pup, file = cells
    n = len(uai)
    # one tuple per distinct list of files: the pickle to the parent carries each once
    interned: dict[tuple[str, ...], tuple[str, ...]] = {(f,): (f,) for f in set(file)}
    later: list[int | None] = [None] * n
    late = {c for c in set(course_year) if 1 < c < NO_SEQUENCE}
    if late:
        for i in indices(list(map(late.__contains__, course_year))):
            if cap[i] is not None or dem[i] is not None:
                later[i] = course_year[i]
    figures = zip(year, cap, dem, pup, map(interned.__getitem__, zip(file)), later, strict=True)
    offers: dict[tuple[str, str, str], list[YearTuple]] = {}
    folded: set[tuple[tuple[str, str, str], int]] = set()
    for key, fig in zip(zip(uai, cfd, modality, strict=True), figures, strict=True):
        listed = offers.get(key)
        if listed is None:
            offers[key] = [fig]
            continue
        last = listed[-1]
        if last[0] != fig[0]:
            listed.append(fig)
        elif last[1] is None and last[2] is None and fig[1] is None and fig[2] is None:
            p, q, sources = last[3], fig[3], last[4]
            if fig[4][0] not in sources:
                both = tuple(sorted({*sources, fig[4][0]}))
                sources = interned.setdefault(both, both)
            pupils = q if p is None else p if q is None else p + q
            listed[-1] = (fig[0], None, None, pupils, sources, None)
        else:
            folded.add((key, fig[0]))
    if folded:
        _fold(folded, offers, interned, uai, cfd, modality, year, course_year, cap, dem, pup, file)
    keys = sorted(offers)
    return list(map(add, keys, zip(map(offers.__getitem__, keys))))


def _fold(
    folded: set[tuple[tuple[str, str, str], int]],
    offers: dict[tuple[str, str, str], list[YearTuple]],
    interned: dict[tuple[str, ...], tuple[str, ...]],
    *columns: list[Any],
) -> None:
    """The years of ``folded`` made again from all their rows, by course year."""
    uai, cfd, modality, year, course_year, cap, dem, pup, file = columns
    uais = {key[0] for key, _ in folded}  # the rows of those UAIs only are looked at
    added: dict[tuple[tuple[str, str, str], int], dict[int, list[Any]]] = {}
    for i in indices(list(map(uais.__contains__, uai))):
        row = ((uai[i], cfd[i], modality[i]), year[i])
        if row not in folded:
            continue
        per_course = added.get(row)
        if per_course is None:
            per_course = added[row] = {}
        _add(per_course, course_year[i], cap[i], dem[i], pup[i], file[i])
    for (key, y), per_course in added.items():
        listed = offers[key]
        at = next(j for j, f in enumerate(listed) if f[0] == y)
        listed[at] = _figure(y, per_course, interned)


def _add(
    per_course: dict[int, list[Any]],
    course_year: int,
    cap: int | None,
    dem: int | None,
    pup: int | None,
    file: str,
) -> None:
    """One more row of a year: within a course year, rows that are not exact duplicates are
    distinct classes and add up."""
    f = per_course.get(course_year)
    if f is None:
        per_course[course_year] = [cap, dem, pup, [file]]
        return
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


def _figure(
    year: int,
    per_course: dict[int, list[Any]],
    interned: dict[tuple[str, ...], tuple[str, ...]],
) -> YearTuple:
    """A year given by several rows: capacity and demand of its earliest course year that
    gives them, pupils added up over every course year."""
    if len(per_course) == 1:
        ((cy, (cap, dem, pup, files)),) = per_course.items()
        sources = tuple(sorted(files)) if len(files) > 1 else (files[0],)
        later = cy if 1 < cy < NO_SEQUENCE and (cap is not None or dem is not None) else None
        return (year, cap, dem, pup, interned.setdefault(sources, sources), later)
    entry = min(
        (cy for cy, f in per_course.items() if f[0] is not None or f[1] is not None),
        default=None,
    )
    pupils = [f[2] for f in per_course.values() if f[2] is not None]
    sources = tuple(sorted({s for f in per_course.values() for s in f[3]}))
    return (
        year,
        per_course[entry][0] if entry is not None else None,
        per_course[entry][1] if entry is not None else None,
        sum(pupils) if pupils else None,
        interned.setdefault(sources, sources),
        entry if entry is not None and 1 < entry < NO_SEQUENCE else None,
    )


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
