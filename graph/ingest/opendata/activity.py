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
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from graph.errors import SeedError
from graph.ingest.opendata import rows
from graph.ingest.opendata.bycolumns import (
    Deferred,
    Unusual,
    count,
    counts,
    duplicates,
    indices,
    mapped,
)
from graph.ingest.opendata.csvfile import CsvSpec, Table, Whole, code, read_table
from graph.ingest.opendata.placeholders import AFFELNET_CAPACITY_PLACEHOLDER_MIN
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


class _Codes:
    """The codes of one file's rows, each cell text read once (a national constat names
    9 000 UAIs on 44 000 rows): the code (:func:`code`) and whether it passes the check
    :func:`rows.offer_row` makes of it. A row whose codes pass and whose other values are in
    range is built here; any other goes through :func:`rows.offer_row` (the same row, or the
    same rejection or error)."""

    def __init__(self, width: int | None, check: Callable[[str], object]) -> None:
        self.width = width
        self.check = check
        self.seen: dict[str, tuple[str, bool]] = {}

    def get(self, value: str) -> tuple[str, bool]:
        got = self.seen.get(value)
        if got is None:
            c = code(value, self.width)
            got = self.seen[value] = (c, bool(self.check(c)))
        return got


def _checks() -> tuple[_Codes, _Codes, _Codes]:
    """UAI, MEF_STAT_11 and CFD codes, checked by the patterns of :mod:`rows` as they are now
    (a test replaces one to send every row through pydantic)."""
    return _Codes(None, rows._UAI), _Codes(11, rows._MEF_STAT), _Codes(8, rows._CFD)


_COUNT_MAX = 1_000_000
# OfferRow(...) through the tuple's own constructor: the named tuple's ``__new__`` is a Python
# function (123 000 rows nationally: 0.015 s)
_row = tuple.__new__
_DUPLICATE = "exact duplicate row"
_CENSUS = "voeu de recensement (a census wish, not an offer)"


def _constat_rows(t: Table, path: Path, report: FileReport, keep: Keep) -> Iterator[OfferRow]:
    c_uai, c_mef, c_n = t.col("UAI"), t.col("Mef Bcp 11"), t.col("Nombre d'élèves : Total")
    c_year = t.opt("Rentrée scolaire")
    file_year = year_of(path)
    name = path.name
    seen: set[tuple[str, ...]] = set()
    uais, mefs, _ = _checks()
    uai_of, mef_of = uais.seen.get, mefs.seen.get
    school = Modality.SCHOOL  # the constat counts pupils under school status
    year_ok = 1900 <= file_year <= 2100
    for line, row in t.rows:
        report.rows_read += 1
        uai, uai_ok = uai_of(row[c_uai]) or uais.get(row[c_uai])
        if not keep(uai):
            report.filtered += 1
            continue
        n = len(seen)
        seen.add(tuple(row))
        if len(seen) == n:
            report.skip(_DUPLICATE, line)
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
        mef, mef_ok = mef_of(row[c_mef]) or mefs.get(row[c_mef])
        v = row[c_n]
        if v.isdigit() and v.isascii():
            pupils: int | None = int(v)
        elif not v:
            pupils = None
        else:
            pupils = integer(v, path, line, "Nombre d'élèves : Total")
        if uai_ok and mef_ok and year_ok and (pupils is None or pupils <= _COUNT_MAX):
            yield _row(
                OfferRow, (line, name, uai, mef, None, school, year, None, None, pupils, None)
            )
            continue
        offer = offer_row(
            path,
            line,
            _CONSTAT_COLS,
            report,
            file=name,
            uai=uai,
            mef_stat_11=mef,
            cfd=None,
            modality=school,
            year=year,
            capacity=None,
            demand=None,
            pupils=pupils,
            label=None,
        )
        if offer is not None:
            yield offer


def _modalities(path: Path, column: str) -> Callable[[str, int], Modality]:
    """:func:`_modality`, remembered per cell text (an unknown status raises every time)."""
    seen: dict[str, Modality] = {}

    def get(value: str, line: int) -> Modality:
        m = seen.get(value)
        if m is None:
            m = seen[value] = _modality(value, path, line, column)
        return m

    return get


def _affelnet_rows(t: Table, path: Path, report: FileReport, keep: Keep) -> Iterator[OfferRow]:
    c_uai, c_mef, c_status, c_cap, c_dem = (t.col(n) for n in AFFELNET.required)
    c_census = t.opt("Voeu de recensement O/N")
    year = year_of(path)
    year_ok = 1900 <= year <= 2100
    name = path.name
    seen: set[tuple[str, ...]] = set()
    uais, mefs, _ = _checks()
    uai_of, mef_of = uais.seen.get, mefs.seen.get
    modality_of = _modalities(path, "Statut Offre de formation")
    placeholders = 0
    for line, row in t.rows:
        report.rows_read += 1
        uai, uai_ok = uai_of(row[c_uai]) or uais.get(row[c_uai])
        if not keep(uai):
            report.filtered += 1
            continue
        n = len(seen)
        seen.add(tuple(row))
        if len(seen) == n:
            report.skip(_DUPLICATE, line)
            continue
        if c_census is not None and row[c_census].strip().upper() == "O":
            report.skip(_CENSUS, line)
            continue
        mef, mef_ok = mef_of(row[c_mef]) or mefs.get(row[c_mef])
        modality = modality_of(row[c_status], line)
        v = row[c_cap]
        if v.isdigit() and v.isascii():
            capacity: int | None = int(v)
        elif not v:
            capacity = None
        else:
            capacity = integer(v, path, line, "Capacité carte scolaire")
        if capacity is not None and capacity >= AFFELNET_CAPACITY_PLACEHOLDER_MIN:
            capacity = None  # 999: « not set », not places (placeholders.affelnet_capacity)
            placeholders += 1
        v = row[c_dem]
        if v.isdigit() and v.isascii():
            demand: int | None = int(v)
        elif not v:
            demand = None
        else:
            demand = integer(v, path, line, "Demandes vœux 1")
        if (
            uai_ok
            and mef_ok
            and year_ok
            and (capacity is None or capacity <= _COUNT_MAX)
            and (demand is None or demand <= _COUNT_MAX)
        ):
            yield _row(
                OfferRow, (line, name, uai, mef, None, modality, year, capacity, demand, None, None)
            )
            continue
        offer = offer_row(
            path,
            line,
            _AFFELNET_COLS,
            report,
            file=name,
            uai=uai,
            mef_stat_11=mef,
            cfd=None,
            modality=modality,
            year=year,
            capacity=capacity,
            demand=demand,
            pupils=None,
            label=None,
        )
        if offer is not None:
            yield offer
    if placeholders:
        report.notes.append(_placeholders_note(placeholders))


def _placeholders_note(placeholders: int) -> str:
    return (
        f"{placeholders:,}".replace(",", "\u202f")
        + f" capacités de {AFFELNET_CAPACITY_PLACEHOLDER_MIN} ou plus (999 : une valeur de "
        "remplissage, pas des places) lues comme inconnues"
    )


def _bts_rows(t: Table, path: Path, report: FileReport, keep: Keep) -> Iterator[OfferRow]:
    c_uai, c_mef, c_dem, c_status, c_cap = (t.col(n) for n in BTS.required)
    c_cfd = t.opt("CFD rectifié")
    if c_cfd is None:
        c_cfd = t.opt("CFD")
    c_label = next((i for h, i in t.index.items() if h.startswith("LIBELL")), None)
    year = year_of(path)
    year_ok = 1900 <= year <= 2100
    name = path.name
    seen: set[tuple[str, ...]] = set()
    uais, mefs, cfds = _checks()
    uai_of, mef_of, cfd_of = uais.seen.get, mefs.seen.get, cfds.seen.get
    modality_of = _modalities(path, "STATUT")
    labels: dict[str, str] = {}
    for line, row in t.rows:
        report.rows_read += 1
        uai, uai_ok = uai_of(row[c_uai]) or uais.get(row[c_uai])
        if not keep(uai):
            report.filtered += 1
            continue
        n = len(seen)
        seen.add(tuple(row))
        if len(seen) == n:
            report.skip(_DUPLICATE, line)
            continue
        cfd: str | None = None
        cfd_ok = True
        if c_cfd is not None:
            cfd, cfd_ok = cfd_of(row[c_cfd]) or cfds.get(row[c_cfd])
            if not cfd:
                cfd, cfd_ok = None, True
        mef: str | None
        mef, mef_ok = mef_of(row[c_mef]) or mefs.get(row[c_mef])
        if not mef:
            mef, mef_ok = None, True
        modality = modality_of(row[c_status], line)
        v = row[c_cap]
        if v.isdigit() and v.isascii():
            capacity: int | None = int(v)
        elif not v:
            capacity = None
        else:
            capacity = integer(v, path, line, "CAPACITEPSUP")
        v = row[c_dem]
        if v.isdigit() and v.isascii():
            demand: int | None = int(v)
        elif not v:
            demand = None
        else:
            demand = integer(v, path, line, "NB_VOEUX_CONFIRMES")
        label: str | None = None
        if c_label is not None:
            cell = row[c_label]
            label = labels.get(cell)
            if label is None:
                label = labels[cell] = cell.strip()
        if (
            uai_ok
            and mef_ok
            and cfd_ok
            and year_ok
            and (capacity is None or capacity <= _COUNT_MAX)
            and (demand is None or demand <= _COUNT_MAX)
        ):
            yield _row(
                OfferRow, (line, name, uai, mef, cfd, modality, year, capacity, demand, None, label)
            )
            continue
        offer = offer_row(
            path,
            line,
            _BTS_COLS,
            report,
            file=name,
            uai=uai,
            mef_stat_11=mef,
            cfd=cfd,
            modality=modality,
            year=year,
            capacity=capacity,
            demand=demand,
            pupils=None,
            label=label,
        )
        if offer is not None:
            yield offer


# --- by columns (bycolumns.py): the same rows and report, the good rows built by C loops ----

Parsed = tuple[list[OfferRow], Deferred, int]


def parse_constat(path: Path, report: FileReport, keep: Keep) -> Iterator[OfferRow]:
    return iter(_parse(path, report, keep, CONSTAT, _constat_columns, _constat_rows))


def parse_affelnet(path: Path, report: FileReport, keep: Keep) -> Iterator[OfferRow]:
    return iter(_parse(path, report, keep, AFFELNET, _affelnet_columns, _affelnet_rows))


def parse_bts(path: Path, report: FileReport, keep: Keep) -> Iterator[OfferRow]:
    return iter(_parse(path, report, keep, BTS, _bts_columns, _bts_rows))


def _parse(
    path: Path,
    report: FileReport,
    keep: Keep,
    spec: CsvSpec,
    by_columns: Callable[[Table, Whole, Path, bool, Keep], Parsed],
    by_rows: Callable[[Table, Path, FileReport, Keep], Iterator[OfferRow]],
) -> list[OfferRow]:
    """The file read whole and judged by columns; read again row by row where it holds
    something only that reading judges right (:class:`bycolumns.Unusual`). Not a generator:
    123 000 rows through three generators' frames cost more than the judging."""
    t = read_table(path, spec)
    whole = t.whole()
    if whole is not None:
        try:
            got, deferred, n = by_columns(t, whole, path, report.strict, keep)
        except Unusual:
            pass
        else:
            deferred.apply(report, n)
            return got
    return list(by_rows(read_table(path, spec), path, report, keep))


def _codes(column: list[str], codes: _Codes, empty: bool = False) -> tuple[list[str], list[int]]:
    """Each cell's code, and the positions of those whose code fails its check (``empty``: an
    empty code passes)."""
    judged = {v: codes.get(v) for v in set(column)}
    if empty:
        judged = {v: ("", True) if not c else (c, ok) for v, (c, ok) in judged.items()}
    out = list(map({v: c for v, (c, _) in judged.items()}.__getitem__, column))
    bad = {v for v, (_, ok) in judged.items() if not ok}
    return out, indices(list(map(bad.__contains__, column))) if bad else []


def _dropped(uais: list[str], keep: Keep) -> list[int]:
    """The positions of the rows outside the départements imported."""
    out = {u for u in set(uais) if not keep(u)}
    return indices(list(map(out.__contains__, uais))) if out else []


def _over(column: list[str], judged: dict[str, int | None]) -> list[int]:
    """The positions of the counts above :data:`_COUNT_MAX` (``judged``: each text's count)."""
    big = {v for v, n in judged.items() if n is not None and n > _COUNT_MAX}
    return indices(list(map(big.__contains__, column))) if big else []


def _statuses(column: list[str]) -> list[Modality]:
    """Each cell's modality; an unknown status stops the import (row by row: at its line)."""
    known = {v: MODALITY.get(v.strip().upper()) for v in set(column)}
    if None in known.values():
        raise Unusual
    return list(map(known.__getitem__, column))  # type: ignore[arg-type]


def _cells(rows: list[list[str]], c: int) -> list[str]:
    return list(map(itemgetter(c), rows))


def _built(n: int, fields: tuple[Iterable[object], ...]) -> list[OfferRow | None]:
    """One row per position, from the fields' columns (constant fields repeated)."""
    return list(map(_row, repeat(OfferRow, n), zip(*fields, strict=False)))


def _constat_columns(t: Table, whole: Whole, path: Path, strict: bool, keep: Keep) -> Parsed:
    """:func:`_constat_rows` by columns."""
    first, table, lines = whole
    c_uai, c_mef, c_n = t.col("UAI"), t.col("Mef Bcp 11"), t.col("Nombre d'élèves : Total")
    c_year = t.opt("Rentrée scolaire")
    file_year = year_of(path)
    if not 1900 <= file_year <= 2100:
        raise Unusual
    if c_year is not None:
        for v in set(_cells(table, c_year)):
            if v.strip():
                try:
                    year = integer(v, path, 0, "") or file_year
                except SeedError:
                    raise Unusual from None
                if year != file_year:
                    raise Unusual
    uais, mefs, _ = _checks()
    n = len(table)
    uai, bad_uai = _codes(_cells(table, c_uai), uais)
    mef, bad_mef = _codes(_cells(table, c_mef), mefs)
    raw_n = _cells(table, c_n)
    pupils, judged = counts(raw_n)
    name = path.name
    out = _built(
        n,
        (range(first, first + n), repeat(name), uai, mef, repeat(None), repeat(Modality.SCHOOL))
        + (repeat(file_year), repeat(None), repeat(None), pupils, repeat(None)),
    )
    dropped, dups = set(_dropped(uai, keep)), set(duplicates(lines or table))
    deferred = Deferred(strict)
    special = dropped | dups | set(bad_uai) | set(bad_mef) | set(_over(raw_n, judged))
    for i in sorted(special):
        out[i] = None
        if i in dropped:
            deferred.filtered += 1
        elif i in dups:
            deferred.skip(_DUPLICATE, first + i)
        else:
            out[i] = _checked(
                path,
                first + i,
                _CONSTAT_COLS,
                deferred,
                file=name,
                uai=uai[i],
                mef_stat_11=mef[i],
                cfd=None,
                modality=Modality.SCHOOL,
                year=file_year,
                capacity=None,
                demand=None,
                pupils=pupils[i],
                label=None,
            )
    return _kept(out, special), deferred, n


def _checked(*args: Any, **kwargs: Any) -> OfferRow | None:
    """:func:`rows.offer_row`; an error means the file is read row by row."""
    try:
        return offer_row(*args, **kwargs)
    except SeedError:
        raise Unusual from None


def _kept(out: list[OfferRow | None], special: set[int]) -> list[OfferRow]:
    return [r for r in out if r is not None] if special else out  # type: ignore[return-value]


def _affelnet_columns(t: Table, whole: Whole, path: Path, strict: bool, keep: Keep) -> Parsed:
    """:func:`_affelnet_rows` by columns."""
    first, table, lines = whole
    c_uai, c_mef, c_status, c_cap, c_dem = (t.col(n) for n in AFFELNET.required)
    c_census = t.opt("Voeu de recensement O/N")
    year = year_of(path)
    if not 1900 <= year <= 2100:
        raise Unusual
    name = path.name
    uais, mefs, _ = _checks()
    n = len(table)
    uai, bad_uai = _codes(_cells(table, c_uai), uais)
    mef, bad_mef = _codes(_cells(table, c_mef), mefs)
    modality = _statuses(_cells(table, c_status))
    raw_cap = _cells(table, c_cap)
    capacity, judged = mapped(raw_cap, count)
    # 999: « not set », not places (placeholders.affelnet_capacity)
    unset = {
        v for v, c in judged.items() if c is not None and c >= AFFELNET_CAPACITY_PLACEHOLDER_MIN
    }
    if unset:
        judged.update(dict.fromkeys(unset))
        capacity = list(map(judged.__getitem__, raw_cap))
    raw_dem = _cells(table, c_dem)
    demand, judged_dem = counts(raw_dem)
    census: list[int] = []
    if c_census is not None:
        column = _cells(table, c_census)
        wish = {v for v in set(column) if v.strip().upper() == "O"}
        census = indices(list(map(wish.__contains__, column))) if wish else []
    out = _built(
        n,
        (range(first, first + n), repeat(name), uai, mef, repeat(None), modality)
        + (repeat(year), capacity, demand, repeat(None), repeat(None)),
    )
    dropped, dups, wishes = set(_dropped(uai, keep)), set(duplicates(lines or table)), set(census)
    placeholders = sum(map(unset.__contains__, raw_cap)) if unset else 0
    deferred = Deferred(strict)
    special = (
        dropped | dups | wishes | set(bad_uai) | set(bad_mef) | set(_over(raw_dem, judged_dem))
    )
    for i in sorted(special):
        out[i] = None
        line = first + i
        if i in dropped or i in dups or i in wishes:
            placeholders -= raw_cap[i] in unset  # not read that far
            if i in dropped:
                deferred.filtered += 1
            elif i in dups:
                deferred.skip(_DUPLICATE, line)
            else:
                deferred.skip(_CENSUS, line)
            continue
        out[i] = _checked(
            path,
            line,
            _AFFELNET_COLS,
            deferred,
            file=name,
            uai=uai[i],
            mef_stat_11=mef[i],
            cfd=None,
            modality=modality[i],
            year=year,
            capacity=capacity[i],
            demand=demand[i],
            pupils=None,
            label=None,
        )
    if placeholders:
        deferred.notes.append(_placeholders_note(placeholders))
    return _kept(out, special), deferred, n


def _bts_columns(t: Table, whole: Whole, path: Path, strict: bool, keep: Keep) -> Parsed:
    """:func:`_bts_rows` by columns."""
    first, table, lines = whole
    c_uai, c_mef, c_dem, c_status, c_cap = (t.col(n) for n in BTS.required)
    c_cfd = t.opt("CFD rectifié")
    if c_cfd is None:
        c_cfd = t.opt("CFD")
    c_label = next((i for h, i in t.index.items() if h.startswith("LIBELL")), None)
    year = year_of(path)
    if not 1900 <= year <= 2100:
        raise Unusual
    name = path.name
    uais, mefs, cfds = _checks()
    n = len(table)
    uai, bad_uai = _codes(_cells(table, c_uai), uais)
    # an empty MEF or CFD: none (not checked)
    mef_codes, bad_mef = _codes(_cells(table, c_mef), mefs, empty=True)
    mef: list[str | None] = [m or None for m in mef_codes] if "" in mef_codes else mef_codes  # type: ignore[assignment]
    cfd: list[str | None] | None = None
    bad_cfd: list[int] = []
    if c_cfd is not None:
        cfd_codes, bad_cfd = _codes(_cells(table, c_cfd), cfds, empty=True)
        cfd = [c or None for c in cfd_codes] if "" in cfd_codes else cfd_codes  # type: ignore[assignment]
    modality = _statuses(_cells(table, c_status))
    raw_cap, raw_dem = _cells(table, c_cap), _cells(table, c_dem)
    (capacity, judged_cap), (demand, judged_dem) = counts(raw_cap), counts(raw_dem)
    label: list[str] | None = None
    if c_label is not None:
        label = mapped(_cells(table, c_label), str.strip)[0]
    out = _built(
        n,
        (range(first, first + n), repeat(name), uai, mef, repeat(None) if cfd is None else cfd)
        + (modality, repeat(year), capacity, demand, repeat(None))
        + (repeat(None) if label is None else label,),
    )
    dropped, dups = set(_dropped(uai, keep)), set(duplicates(lines or table))
    deferred = Deferred(strict)
    special = dropped | dups | set(bad_uai) | set(bad_mef) | set(bad_cfd)
    special |= set(_over(raw_cap, judged_cap)) | set(_over(raw_dem, judged_dem))
    for i in sorted(special):
        out[i] = None
        if i in dropped:
            deferred.filtered += 1
            continue
        if i in dups:
            deferred.skip(_DUPLICATE, first + i)
            continue
        out[i] = _checked(
            path,
            first + i,
            _BTS_COLS,
            deferred,
            file=name,
            uai=uai[i],
            mef_stat_11=mef[i],
            cfd=None if cfd is None else cfd[i],
            modality=modality[i],
            year=year,
            capacity=capacity[i],
            demand=demand[i],
            pupils=None,
            label=None if label is None else label[i],
        )
    return _kept(out, special), deferred, n
