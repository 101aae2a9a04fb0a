# ruff: noqa: E501  (names copied whole from the national graph)
"""tester26's diploma searches on the national files: « btsa » names the BTS of agriculture,
« bac general » the Bac général before a Bac pro whose name holds « générale », « bts btp » the
BTS of building and public works (not a BTSA by a ROME job), and a closed diploma found by its
old name brings the open one the BCN replaced it by (« cs cuisinier en desserts de
restaurant »). The rows are copied from the national graph (names, types, offers)."""

from __future__ import annotations

from typing import Any

from graph.diploma_names import seconde_start_note
from graph.diploma_search import search_diplomas
from graph.rome_jobs import RomeJob


def row(
    code: str, name: str, kind: str, level: int | None, offers: int, **kw: Any
) -> dict[str, Any]:
    return {"code": code, "name": name, "type": kind, "level": level, "offers": offers, **kw}


ROWS: list[dict[str, Any]] = [
    row("32031213", "BTS management commercial opérationnel", "bts", 5, 1544),
    row("32031212", "BTS négociation et digitalisation de la relation client", "bts", 5, 1203),
    row("32321401", "BTSA aménagements paysagers", "bts", 5, 137, rome_codes=["A1203", "F1201"]),
    row("32321207", "BTSA métiers de l'élevage : développement, production, conseil", "bts", 5, 85),
    row("32023012", "BTS bâtiment", "bts", 5, 114),
    row("32023206", "BTS travaux publics", "bts", 5, 78),
    row("40025305", "Bac pro aviation générale", "bac_pro", 4, 40),
    row("47010019", "Bac général", "other", 4, 0),
    row(
        "56122105",
        "Certificat de spécialisation cuisinier en desserts de restaurant",
        "mc",
        3,
        0,
        closed=True,
        successors=[{"code": "56122110"}],
    ),
    row("56122110", "Desserts de restaurant (CS3)", "mc", 3, 57),
]
JOBS = [RomeJob("F1201", "Conduite de travaux du BTP et de travaux paysagers")]


def codes(query: str) -> list[str]:
    return [h.row["code"] for h in search_diplomas(ROWS, query, jobs=JOBS).hits]


def test_btsa_alone_lists_the_bts_of_agriculture_only() -> None:
    assert codes("btsa") == ["32321401", "32321207"]


def test_bts_alone_still_lists_every_bts() -> None:
    assert set(codes("bts")) >= {"32031213", "32321401", "32023012"}


def test_a_name_said_whole_comes_before_a_longer_name_offered_more() -> None:
    assert codes("bac general")[0] == "47010019"


def test_btp_names_building_and_public_works_not_a_btsa_by_a_rome_job() -> None:
    found = codes("bts btp")
    assert found[:2] == ["32023206", "32023012"] or found[:2] == ["32023012", "32023206"]
    assert "32321401" not in found


def test_a_closed_diploma_found_brings_its_open_successor_first() -> None:
    assert codes("cs cuisinier en desserts de restaurant") == ["56122110", "56122105"]


def test_a_common_2nde_names_the_bac_pros_of_its_famille() -> None:
    note = seconde_start_note(
        {
            "name": "METIERS DE LA GESTION ADMINISTRATIVE, DU TRANSPORT ET DE LA LOGISTIQUE 2NDE COMMUNE (BAC PRO)",
            "type": "bac_pro",
        },
        [
            {"code": "40031106", "name": "Bac pro logistique", "closed": False},
            {
                "code": "40030004",
                "name": "Bac pro assistance à la gestion des organisations et de leurs activités",
                "closed": False,
            },
            {"code": "40030001", "name": "Bac pro gestion-administration", "closed": True},
        ],
    )
    assert note is not None
    assert (
        "(Bac pro assistance à la gestion des organisations et de leurs activités, Bac pro logistique)"
        in note
    )
    assert "gestion-administration" not in note
