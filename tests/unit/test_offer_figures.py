"""The figures of an offer as the files mean them: Affelnet capacities that mean « not known »
(graph/ingest/opendata/placeholders.py) read as unknown, and an unknown class capacity leaves the
offer's capacity unknown when classes add up (graph/ingest/opendata/offers.py); figures of a
later course year (the 1re pro) kept as such, with the common 2nde that is the entry after 3e
(graph/ingest/opendata/entry.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.opendata import activity, offers
from graph.ingest.opendata.entry import CommonEntry, with_common_entries
from graph.ingest.opendata.placeholders import affelnet_capacity
from graph.ingest.opendata.plan import Offer, YearFigures
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import MefRow, OfferRow
from graph.models import Modality

HEADER = (
    "Etablissement d'accueil;MEF STAT 11;Voeu de recensement O/N;Statut Offre de formation;"
    "Capacité carte scolaire;Demandes vœux 1;Famille de métiers;nb_apparitions_uai_mefstat;"
    "mef_stat_terminale\n"
)


@pytest.mark.parametrize(
    ("value", "places"), [(999, None), (998, None), (9999, None), (168, 168), (0, 0), (None, None)]
)
def test_affelnet_capacity(value: int | None, places: int | None) -> None:
    assert affelnet_capacity(value) == places


def test_the_affelnet_parser_reads_999_as_unknown(tmp_path: Path) -> None:
    path = tmp_path / "attractivite_capacite_2022.csv"
    path.write_text(
        HEADER
        + "0350793X;23810020008;N;ST;999;7;;1;23830020008\n"
        + "0350031U;23810020008;N;ST;24;26;;1;23830020008\n",
        encoding="utf-8",
    )
    report = FileReport(path.name, "offers")
    rows = list(activity.parse_affelnet(path, report, lambda uai: True))
    assert [(r.uai, r.capacity, r.demand) for r in rows] == [
        ("0350793X", None, 7),
        ("0350031U", 24, 26),
    ]
    assert any("1 capacités de 998 ou plus" in n for n in report.notes)


def _row(line: int, capacity: int | None, demand: int | None) -> OfferRow:
    return OfferRow(
        line, "a.csv", "0801946F", "23810020008", None, Modality.SCHOOL, 2021,
        capacity, demand, None, None,
    )  # fmt: skip


def _mef() -> MefRow:
    return MefRow(
        line=2, mef_stat_11="23810020008", mef="2472000831", cfd="40020008", year_of_course=1
    )


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_class_of_unknown_capacity_leaves_the_sum_unknown(order: tuple[int, int]) -> None:
    """0801946F, Affelnet 2021: two classes of the 2nde commune, 0 places / 0 wishes and 999
    places (unknown) / 2 wishes: the capacity is unknown, the wishes add up."""
    mef = {"23810020008": _mef()}
    classes = [_row(2, 0, 0), _row(3, None, 2)]
    got = offers.combine([[classes[i] for i in order]], mef)
    ((uai, cfd, _, years),) = got.offers or []
    assert (uai, cfd) == ("0801946F", "40020008")
    assert [(y[1], y[2]) for y in years] == [(None, 2)]


def test_classes_of_known_capacities_add_up() -> None:
    mef = {"23810020008": _mef()}
    got = offers.combine([[_row(2, 12, 3), _row(3, 15, 4)]], mef)
    assert [(y[1], y[2]) for y in got.offers[0][3]] == [(27, 7)]  # type: ignore[index]


# --- which entry the figures describe (graph/ingest/opendata/entry.py) -----------------------


def _course_mef(stat: str, cfd: str, year: int) -> MefRow:
    return MefRow(line=2, mef_stat_11=stat, mef="2472551032", cfd=cfd, year_of_course=year)


def test_figures_of_the_1re_pro_only_keep_their_course_year() -> None:
    """Don Bosco, Affelnet 2022: MELEC by its 1re pro (24 ; 1), the CAP by its first year."""
    mef = {
        "23820025510": _course_mef("23820025510", "40025510", 2),
        "23810025510": _course_mef("23810025510", "40025510", 1),
        "23210025524": _course_mef("23210025524", "50025524", 1),
    }

    def row(line: int, stat: str, cap: int, dem: int) -> OfferRow:
        return OfferRow(
            line, "a.csv", "0133396W", stat, None, Modality.SCHOOL, 2022, cap, dem, None, None
        )

    only_1re = offers.combine([[row(2, "23820025510", 24, 1), row(3, "23210025524", 15, 2)]], mef)
    by_code = {cfd: years for _, cfd, _, years in only_1re.offers or []}
    assert by_code["40025510"] == [(2022, 24, 1, None, ("a.csv",), 2)]
    assert by_code["50025524"] == [(2022, 15, 2, None, ("a.csv",), None)]
    both = offers.combine([[row(2, "23820025510", 24, 1), row(3, "23810025510", 15, 9)]], mef)
    assert [y[1:3] + y[5:] for y in (both.offers or [])[0][3]] == [(15, 9, None)]
    # ANNEE_DISPOSITIF 9 (a one-year BPA, CAPA…): outside the sequence, not a later year
    single = {"25200021105": _course_mef("25200021105", "55321105", 9)}
    bpa = offers.combine([[row(2, "25200021105", 12, 4)]], single)
    assert [y[5] for y in (bpa.offers or [])[0][3]] == [None]


def _offer(code: str, modality: str, *years: YearFigures) -> Offer:
    return Offer("0133396W", code, modality, list(years))


def test_the_common_2nde_here_is_the_entry_after_3e() -> None:
    melec = _offer("40025520", "school", YearFigures(2022, 24, 1, None, ["a"], entry_year=2))
    cap = _offer("50025524", "school", YearFigures(2022, 15, 2, None, ["a"]))
    common = _offer("40020008", "school", YearFigures(2022, 69, 27, None, ["a"]))
    begins = {"40020008": {"40025510", "40025520"}}
    family = {"40020008": "Métiers du numérique et des transitions énergétiques"}
    got = {o.code: o for o in with_common_entries([melec, cap, common], begins, family)}
    assert got["40025520"] is melec  # set in place
    (y,) = got["40025520"].years
    assert (y.capacity, y.demand, y.entry_year) == (24, 1, 2)
    assert y.common == CommonEntry("40020008", family["40020008"], 69, 27)
    assert got["50025524"] == cap and got["40020008"] == common
    assert y.to_dict()["common"] == {
        "code": "40020008",
        "family": family["40020008"],
        "capacity": 69,
        "demand": 27,
    }


def test_no_common_entry_from_another_modality_year_or_a_later_course_year() -> None:
    melec = _offer(
        "40025520",
        "school",
        YearFigures(2021, 24, 5, None, ["a"], entry_year=2),
        YearFigures(2022, 24, 1, None, ["a"], entry_year=2),
    )
    begins = {"40020008": {"40025520"}}
    others = [
        _offer("40020008", "apprenticeship", YearFigures(2022, 12, 3, None, ["a"])),
        _offer("40020008", "school", YearFigures(2020, None, None, 30, ["c"])),  # pupils only
    ]
    (got, *_) = with_common_entries([melec, *others], begins, {})
    assert [y.common for y in got.years] == [None, None]
    own_2nde = _offer("40025520", "school", YearFigures(2022, 15, 9, None, ["a"]))
    with_common_entries([own_2nde, *others], begins, {})
    assert own_2nde.years[0].common is None
