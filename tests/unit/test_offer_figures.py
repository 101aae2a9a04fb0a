"""Affelnet capacities that mean « not known » (graph/ingest/opendata/placeholders.py): read as
unknown by the parser, and an unknown class capacity leaves the offer's capacity unknown when
classes add up (graph/ingest/opendata/offers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.opendata import activity, offers
from graph.ingest.opendata.placeholders import affelnet_capacity
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
    assert any("1 capacities of 998 or more" in n for n in report.notes)


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
