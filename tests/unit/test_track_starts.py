"""A start from the level 4 into an engineering school's track for bacheliers technologiques
shows the series the track's Parcoursup label names, never one series picked by code order
(Lorient: « Bac techno S2TMD … → ISEN Brest », whose label says « Bacs technologiques »)."""

from __future__ import annotations

from typing import Any

from graph.pathways.bac_starts import ANY_SERIES, track_start, track_starts
from graph.pathways.scoring import Choice, Scored, Step
from graph.pathways.start_words import after_start

TRACK = "inf-import-bac-techno-to-engineer-track"


def _leg(label: str, target: str = "ps-ing-1") -> dict[str, Any]:
    return {
        "passerelle_id": f"{TRACK}-x-{target}",
        "evidence": f"voie d'accès nommée par l'intitulé Parcoursup « {label} »",
    }


def _pathway(start: str, leg: dict[str, Any], target: str = "PS-ING-1") -> Scored:
    step = Step({"code": target}, leg, Choice([], None, 0.0, None), None)
    row = {"code": start, "name": f"Bac techno {start}", "type": "bac_techno", "level": 4}
    return Scored(65.0, {}, row, [step], None, 0, 0.0, 0, key=(start, target))


def test_a_track_open_to_every_series_starts_from_any_bac_techno() -> None:
    leg = _leg("Formation d ingenieur Bac + 5 – Bacs technologiques")
    shown = track_starts([_pathway("43013302", leg), _pathway("43013303", leg)])
    assert [p.start["name"] for p in shown] == [ANY_SERIES]
    assert shown[0].start["code"] == "" and shown[0].start["type"] == "bac_techno"
    assert after_start(shown[0].start["name"]) == "après tout bac technologique"


def test_a_track_naming_series_starts_from_them() -> None:
    leg = _leg("Formation d ingenieur – Autres Series (Bac STL, STI2D, STAV, ST2S)")
    row = track_start({"code": "43020003", "name": "STI2D AC"}, leg)
    assert row is not None and row["name"] == "Bac STL, STI2D, STAV ou ST2S"
    sti2d = track_start({"code": "43020003", "name": "STI2D AC"}, _leg("Bac + 5 – Bac STI2D"))
    assert sti2d is not None and sti2d["name"] == "Bac STI2D (toute spécialité)"


def test_other_pathways_and_other_targets_are_kept() -> None:
    generic = _leg("Formation d ingenieur Bac + 5 – Bacs technologiques")
    bts = {"passerelle_id": "inf-bac-techno-to-bac2-43031017-32031213", "evidence": "domaine"}
    shown = track_starts(
        [
            _pathway("43013302", generic),
            _pathway("43013302", generic, "PS-ING-2"),
            _pathway("43031017", bts, "32031213"),
        ]
    )
    assert [(p.start["name"], p.key[-1]) for p in shown] == [
        (ANY_SERIES, "PS-ING-1"),
        (ANY_SERIES, "PS-ING-2"),
        ("Bac techno 43031017", "32031213"),
    ]
