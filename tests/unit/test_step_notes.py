"""A step's notes (graph/pathways/step_notes.py) are the learner's warnings of its sentence in
the explanation, each a sentence of its own; the agricultural notice
(graph/pathways/agricultural.py) is said only where the files list no agricultural Bac pro."""

from __future__ import annotations

from typing import Any

from graph.pathways.agricultural import agricultural_kind, agricultural_notice
from graph.pathways.explanation import NO_SECOND_PART, RENEWED_PART, step_sentence
from graph.pathways.reserved_track import RESERVED_PART
from graph.pathways.scoring import Choice, Offer, Step
from graph.pathways.step_notes import step_notes
from graph.territory import Point, Territory
from graph.text import UNNAMED

CLOSING = (
    "fermeture prévue en 2028, remplacé par Bac pro MV véhicules légers : une entrée à la "
    "rentrée 2027 finirait après sa dernière session (2028), elle se fait sans doute déjà dans "
    "celui qui le remplace (à vérifier avec l'établissement)"
)


def _step(
    diploma: dict[str, Any], offer: dict[str, Any], leg: dict[str, Any] | None = None
) -> Step:
    o = Offer(diploma["code"], {"id": "a", "name": "Lycée X"}, offer, True)
    return Step(diploma, leg or {"kind": "continuation"}, Choice([o], None, 0.0, None), None)


def test_each_note_is_a_part_of_the_steps_sentence() -> None:
    st = _step(
        {"code": "B", "type": "bac_pro", "name": "BUT X Horaires amenages musique ou sport"},
        {"status": "renewed", "entry_year": 2},
        {"kind": "continuation", "passerelle_origin": "after_3e"},
    )
    notes = step_notes(st, closing=CLOSING)
    said = step_sentence(1, st, closing=CLOSING)
    assert notes == [
        RESERVED_PART[0].upper() + RESERVED_PART[1:] + ".",
        NO_SECOND_PART[0].upper() + NO_SECOND_PART[1:] + ".",
        CLOSING[0].upper() + CLOSING[1:] + ".",
        RENEWED_PART[0].upper() + RENEWED_PART[1:] + ".",
    ]
    for note in notes:  # « Affelnet … » keeps its capital in the sentence
        assert note[:-1] in said or note[0].lower() + note[1:-1] in said, (note, said)


def test_a_plain_step_has_no_note_and_the_facts_are_none() -> None:
    st = _step({"code": "B", "type": "bac_pro", "name": "Bac pro X"}, {"status": "open"})
    assert step_notes(st) == []
    # the « préparé dans l'établissement » fact and the thin file's note are not notes
    fact = _step(
        {"code": "B", "type": "bac_pro", "name": "Bac pro X"},
        {"status": "open", "common_year": True, "year": 2022},
    )
    assert step_notes(fact) == []


def test_the_undescribed_modality_only_when_one_is_asked() -> None:
    st = _step({"code": "B", "type": "bac_pro", "name": "Bac pro X", "level": 4}, {})
    st.undescribed = True
    assert step_notes(st) == []
    [note] = step_notes(st, "apprenticeship")
    assert note.startswith("Les fichiers publics ne décrivent pas l'apprentissage"), note


def _row(code: str, kind: str, nsf: str, actor: str, **offer: Any) -> dict[str, Any]:
    names = {"SEC": "PRODUCTIONS (SEC PRO AG)"}
    return {
        "diploma": {
            "code": code,
            "name": names.get(code, f"Diplôme {code}"),
            "type": kind,
            "nsf": nsf,
            "level": {"cap": 3, "bac_pro": 4, "bts": 5, "but": 6}[kind],
        },
        "actor": {"id": actor, "name": actor},
        "offer": {"departement": "015", "status": "open", **offer},
    }


CANTAL = Territory(departements=["015"])


def test_the_agricultural_kind_of_a_question() -> None:
    assert agricultural_kind(sector="nsf-214", goal=None, start_level=None) == "bac_pro"
    assert agricultural_kind(sector="A1203", goal=None, start_level=2) == "bac_pro"
    assert agricultural_kind(sector="nsf-221", goal=None, start_level=2) is None
    assert agricultural_kind(sector=None, goal={"type": "bac_pro", "nsf": "210"}, start_level=3)
    # a CAP agricole goal from a CAP holder: no CAP step on the way
    assert agricultural_kind(sector=None, goal={"type": "cap", "nsf": "211"}, start_level=3) is None
    assert agricultural_kind(sector=None, goal={"type": "bts", "nsf": "251"}, start_level=2) is None


def test_no_notice_where_an_agricultural_bac_pro_is_listed_or_nothing_agricultural() -> None:
    rows = [_row("SEC", "bac_pro", "211", "ENILV"), _row("BP", "bac_pro", "211", "LPA")]
    assert agricultural_notice(rows, CANTAL, "bac_pro") is None
    assert agricultural_notice([_row("X", "bac_pro", "250", "Lycée")], CANTAL, "bac_pro") is None
    assert agricultural_notice([], CANTAL, "bac_pro") is None


def test_closed_planned_and_outside_offers_do_not_count() -> None:
    rows = [
        _row("SEC", "bac_pro", "211", "ENILV"),
        _row("BP1", "bac_pro", "211", "LPA", status="planned"),
        _row("BP2", "bac_pro", "211", "Lycée du Lot", departement="046"),
    ]
    said = agricultural_notice(rows, CANTAL, "bac_pro")
    assert said is not None and "ENILV" in said and "Lycée du Lot" not in said, said
    assert " ni aucun CAP agricole" in said, said


def test_an_iut_is_no_agricultural_establishment_and_unnamed_ones_are_counted() -> None:
    rows = [
        _row("BUT", "but", "211", "IUT d'Aurillac"),
        _row("SEC", "bac_pro", "211", f"{UNNAMED} (Cantal)"),
        _row("CAPA", "cap", "212", f"{UNNAMED} (Cantal)"),
    ]
    rows[2]["actor"]["id"] = "other"
    said = agricultural_notice(rows, CANTAL, "bac_pro")
    assert said is not None and "IUT" not in said, said
    assert (
        "2 établissements qui préparent des formations agricoles : 2 établissements sans nom"
        in said
    )
    assert agricultural_notice(rows[:1], CANTAL, "bac_pro") is None  # the IUT alone


def test_a_radius_counts_the_offers_within_it() -> None:
    around = Territory(near=Point(lat=44.93, lon=2.44), radius_km=20)
    near = _row("SEC", "bac_pro", "211", "ENILV", lat=44.92, lon=2.45)
    far = _row("BP", "bac_pro", "211", "LPA", lat=45.03, lon=3.09)  # Saint-Flour, 52 km
    assert agricultural_notice([near, far], around, "bac_pro") is not None
    far["offer"].update(lat=44.93, lon=2.46)
    assert agricultural_notice([near, far], around, "bac_pro") is None
