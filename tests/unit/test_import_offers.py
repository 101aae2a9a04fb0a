"""The activity rows combined in the parsing process (graph/ingest/opendata/offers.py) give what
the straightforward per-row combination gives: the same offers, the same rows used and skipped
(with their lines), the same CFDs, offered pairs and BTS labels. The reference below is the
combination plan.py did on the rows before (resolve each row, keep the CFDs the BCN knows, sum).
"""

from __future__ import annotations

import copy
from collections import defaultdict
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.ingest.opendata import bcn, offers, plan
from graph.ingest.opendata.plan import Offer, YearFigures
from graph.ingest.opendata.postbac import bts_file_key
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import MefRow, OfferRow
from graph.models import Modality

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_national"


def _reference(
    files: list[tuple[FileReport, list[OfferRow]]], mef: dict[str, MefRow], known: set[str]
) -> dict[str, Any]:
    resolved: list[tuple[OfferRow, FileReport, str]] = []
    for rep, rows in files:
        for row in rows:
            m = mef.get(row.mef_stat_11) if row.mef_stat_11 else None
            cfd = m.cfd if m is not None else row.cfd
            if cfd is None:
                rep.skip(offers.NO_MEF, row.line)
                continue
            resolved.append((row, rep, cfd))
    kept: list[tuple[OfferRow, str]] = []
    for row, rep, cfd in resolved:
        if cfd in known:
            kept.append((row, cfd))
            rep.rows_used += 1
        else:
            rep.skip(offers.UNKNOWN_CFD, row.line)
    cells: dict[tuple[str, str, str, int], dict[int, list[Any]]] = defaultdict(dict)
    for row, cfd in kept:
        m = mef.get(row.mef_stat_11) if row.mef_stat_11 else None
        course_year = (m.year_of_course or 1) if m is not None else 1
        f = cells[(row.uai, cfd, row.modality.value, row.year)].setdefault(
            course_year, [None, None, None, []]
        )
        # a class with a demand and no capacity (a placeholder read as unknown) leaves the
        # capacity unknown; the first row with any figure decides when nothing came before
        unknown = f[1] is not None and f[0] is None
        if row.capacity is None and row.demand is not None:
            unknown = True
        for i, v in enumerate((row.capacity, row.demand, row.pupils)):
            if v is not None:
                f[i] = v if f[i] is None else f[i] + v
        if unknown:
            f[0] = None
        if row.file not in f[3]:
            f[3].append(row.file)
    by_offer: dict[tuple[str, str, str], list[YearFigures]] = defaultdict(list)
    for (uai, cfd, modality, year), per_course in cells.items():
        entry = min(
            (cy for cy, f in per_course.items() if f[0] is not None or f[1] is not None),
            default=None,
        )
        pupils = [f[2] for f in per_course.values() if f[2] is not None]
        by_offer[(uai, cfd, modality)].append(
            YearFigures(
                year,
                per_course[entry][0] if entry is not None else None,
                per_course[entry][1] if entry is not None else None,
                sum(pupils) if pupils else None,
                sorted({s for f in per_course.values() for s in f[3]}),
                entry if entry is not None and 1 < entry < offers.NO_SEQUENCE else None,
            )
        )
    labels: dict[str, set[str]] = {}
    for row, _, cfd in resolved:
        if row.label and cfd in known:
            labels.setdefault(bts_file_key(row.label), set()).add(cfd)
    return {
        "offers": [
            Offer(u, c, m, sorted(ys, key=lambda y: y.year))
            for (u, c, m), ys in sorted(by_offer.items())
        ],
        "cfds": {cfd for _, _, cfd in resolved},
        "offered": {(row.uai, cfd) for row, _, cfd in resolved},
        "bts_labels": labels,
        "reports": [r.__dict__ for r, _ in files],
    }


def _combined(
    files: list[tuple[FileReport, list[OfferRow]]], mef: dict[str, MefRow], known: set[str]
) -> dict[str, Any]:
    got = offers.combine([rows for _, rows in files], mef)
    offers.known_rows(got, [r for r, _ in files], known)
    labels: dict[str, set[str]] = {}
    for key, cfd in got.bts_labels:
        if cfd in known:
            labels.setdefault(key, set()).add(cfd)
    # handed over as columns (offers.offer_columns), made objects by plan._offers
    made = plan._offers(offers.offer_columns(got.offers or []))
    return {
        "offers": [o for o in made if o.code in known],
        "cfds": got.cfds,
        "offered": got.offered,
        "bts_labels": labels,
        "reports": [r.__dict__ for r, _ in files],
    }


def _national() -> tuple[list[tuple[FileReport, list[OfferRow]]], dict[str, MefRow]]:
    keep = plan.keeper(None)
    files = []
    for pattern, family, parse in plan.ACTIVITY_GLOBS:
        for path in plan._globbed(FIX, pattern):
            report = FileReport(path.name, family)
            files.append((report, list(parse(path, report, keep))))
    wanted = offers.wanted_mef([rows for _, rows in files])
    mef = bcn.parse_mef(FIX / plan.MEF_FILE, FileReport(plan.MEF_FILE, "mef"), only=wanted)
    return files, mef


def test_the_national_fixture_combines_as_row_by_row() -> None:
    files, mef = _national()
    assert sum(len(rows) for _, rows in files) > 1_000
    every_cfd = {m.cfd for m in mef.values()} | {r.cfd for _, rows in files for r in rows if r.cfd}
    known = set(sorted(every_cfd)[::2])  # half the CFDs unknown to the BCN: rows skipped
    expected = _reference(copy.deepcopy(files), mef, known)
    got = _combined(copy.deepcopy(files), mef, known)
    assert len(expected["offers"]) > 100
    assert any(r["skipped"].get(offers.UNKNOWN_CFD) for r in expected["reports"])
    assert got == expected


def _row(line: int, file: str, **kw: Any) -> OfferRow:
    base: dict[str, Any] = {
        "uai": "0750001A",
        "mef_stat_11": None,
        "cfd": None,
        "modality": Modality.SCHOOL,
        "year": 2022,
        "capacity": None,
        "demand": None,
        "pupils": None,
        "label": None,
    }
    return OfferRow(line, file, **{**base, **kw})


def _mef(stat: str, cfd: str, year_of_course: int | None) -> MefRow:
    return MefRow(
        line=2, mef_stat_11=stat, mef="1234567890", cfd=cfd, year_of_course=year_of_course
    )


def test_course_years_rows_without_a_cfd_and_unknown_cfds() -> None:
    mef = {
        "24720000001": _mef("24720000001", "40025510", 1),  # 2nde pro
        "24720000002": _mef("24720000002", "40025510", 2),  # 1ère pro
    }
    a = [
        _row(2, "a.csv", mef_stat_11="24720000002", capacity=10, demand=20, pupils=5),
        _row(3, "a.csv", mef_stat_11="24720000001", capacity=30, demand=40, pupils=7),
        _row(4, "a.csv", mef_stat_11="24720000001", capacity=1, demand=None, pupils=1),
        _row(5, "a.csv", mef_stat_11="99999999999"),  # no MEF, no CFD: skipped
        _row(6, "a.csv", cfd="32033422", label="BTS - Production - Electrotechnique"),
        _row(7, "a.csv", cfd="00000000", capacity=3),  # unknown to the BCN
        _row(8, "a.csv", cfd="32033422", year=2023, pupils=4),
    ]
    b = [_row(2, "b.csv", mef_stat_11="24720000001", pupils=2), _row(3, "b.csv", cfd="00000000")]
    known = {"40025510", "32033422"}

    def files() -> list[tuple[FileReport, list[OfferRow]]]:
        return [(FileReport("a.csv", "x"), a), (FileReport("b.csv", "x"), b)]

    got = _combined(files(), mef, known)
    assert got == _reference(files(), mef, known)
    (bac, bts) = sorted(got["offers"], key=lambda o: o.code, reverse=True)
    # the entry year's capacity and demand (2nde: 30 + 1, 40), every course year's pupils
    assert (bac.code, bac.years[0].capacity, bac.years[0].demand) == ("40025510", 31, 40)
    assert (bac.years[0].pupils, bac.years[0].sources) == (15, ["a.csv", "b.csv"])
    assert [y.year for y in bts.years] == [2022, 2023]
    reports = got["reports"]
    assert reports[0]["skipped_lines"] == {offers.NO_MEF: [5], offers.UNKNOWN_CFD: [7]}
    assert reports[1]["skipped_lines"] == {offers.UNKNOWN_CFD: [3]}
    assert (reports[0]["rows_used"], reports[1]["rows_used"]) == (5, 1)
    assert got["bts_labels"] == {"electrotechnique": {"32033422"}}


_MEFS = {
    "24720000001": _mef("24720000001", "40025510", 1),  # 2nde pro
    "24720000002": _mef("24720000002", "40025510", 2),  # 1ère pro
    "24720000003": _mef("24720000003", "40025510", 3),  # terminale
    "24720000009": _mef("24720000009", "40025599", 9),  # out of the sequence
    "24720000010": _mef("24720000010", "40025511", None),
}
_count = st.one_of(st.none(), st.integers(0, 30))


@st.composite
def _files(draw: Any) -> list[tuple[str, list[OfferRow]]]:
    """A few files of rows that often share an offer and a year: course years of one year in
    one file or in two, classes repeated, placeholders (a demand and no capacity), unknown
    course years with or without a CFD, a file of several years, files not in year order."""
    out = []
    for f in range(draw(st.integers(1, 4))):
        file = f"f{f}.csv"
        file_year = draw(st.sampled_from([2020, 2021, 2022]))
        rows = []
        for line in range(2, 2 + draw(st.integers(0, 12))):
            mef = draw(st.sampled_from([*_MEFS, "99999999999", None]))
            rows.append(
                _row(
                    line,
                    file,
                    uai=draw(st.sampled_from(["0750001A", "0750002B"])),
                    mef_stat_11=mef,
                    cfd=draw(st.sampled_from([None, "32033422", "40025510"])),
                    modality=draw(st.sampled_from([Modality.SCHOOL, Modality.APPRENTICESHIP])),
                    year=draw(st.sampled_from([file_year, file_year, file_year + 1])),
                    capacity=draw(_count),
                    demand=draw(_count),
                    pupils=draw(_count),
                    label=draw(st.sampled_from([None, "", "BTS - Production - Electrotechnique"])),
                )
            )
        out.append((file, rows))
    return out


@settings(max_examples=300, deadline=None)
@given(_files())
def test_any_rows_combine_as_row_by_row(files: list[tuple[str, list[OfferRow]]]) -> None:
    """The rows resolved and summed by columns (offers.resolve, offers.summed) give what the
    row-by-row combination gives, whatever repeats: the sums of a year given by several rows,
    the course year of the entry, the sources, and the years in order."""

    def reports() -> list[tuple[FileReport, list[OfferRow]]]:
        return [(FileReport(name, "x"), rows) for name, rows in files]

    known = {"40025510", "32033422", "40025599"}
    assert _combined(reports(), _MEFS, known) == _reference(reports(), _MEFS, known)


def test_offers_handed_over_as_columns_are_the_same_offers() -> None:
    """offers.offer_columns then plan._offers: each offer with its own years, in order, even
    none (the columns of no offer, of offers without years)."""
    summed: list[tuple[str, str, str, list[offers.YearTuple]]] = [
        ("A", "1", "school",
         [(2021, 24, 30, None, ("f1",), None), (2022, None, None, 12, ("f1", "f2"), 2)]),
        ("A", "2", "apprenticeship", []),
        ("B", "1", "school", [(2020, None, None, 5, ("f3",), None)]),
    ]  # fmt: skip
    expected = [
        Offer(u, c, m, [YearFigures(y, cap, d, p, list(s), e) for y, cap, d, p, s, e in ys])
        for u, c, m, ys in summed
    ]
    assert plan._offers(offers.offer_columns(summed)) == expected
    assert plan._offers(offers.offer_columns(summed[1:2])) == expected[1:2]
    assert plan._offers(offers.offer_columns([])) == []
