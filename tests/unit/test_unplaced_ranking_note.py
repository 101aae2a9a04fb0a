"""The ranking note of an unplaced establishment (graph/pathways/unplaced.py): said only when the
pathway ranks lower *because* its address is unknown, never when the first pathway's address is
unknown too (the Cantal's two pathways to the Bac pro ASSP, both unplaced, the second one step
longer: « passerait devant le n° 1 à distance égale … parce que l'adresse … n'est pas connue »)."""

from __future__ import annotations

from graph.pathways.scoring import Choice, Offer, Scored, Step
from graph.pathways.unplaced import unplaced_notice

UNKNOWN = -14.4  # one step whose establishment has no position (W_KM x UNPLACED_KM, rounded)
BAC = {"code": "40033007", "name": "Bac pro ASSP", "type": "bac_pro"}
CAP = {"code": "50033001", "name": "CAP AEPE", "type": "cap"}


def _step(diploma: dict[str, str], placed: bool) -> Step:
    row = {"lat": 44.9 if placed else None, "lon": 2.4 if placed else None, "commune": "Aurillac"}
    offer = Offer(diploma["code"], {"id": "a", "name": "Lycée A"}, row, True)
    choice = Choice([offer], 3.0 if placed else None, 3.0 if placed else 0.0, None, not placed)
    return Step(diploma, {}, choice, None)


def _scored(steps: list[Step], travel: float, score_rest: float) -> Scored:
    unplaced = sum(st.choice.unplaced for st in steps)
    components = {
        "steps": -5.0 * (len(steps) - 1),
        "travel": travel,
        "unknown_distance": UNKNOWN * unplaced,
    }
    return Scored(
        score=score_rest + sum(components.values()),
        components=components,
        start={"code": "x"},
        plan=steps,
        travel_km=None,
        outside=0,
        field_points=0.0,
        modality_hits=0,
        unplaced=unplaced,
    )


def test_no_note_when_the_first_pathways_address_is_unknown_too() -> None:
    first = _scored([_step(BAC, placed=False)], 0.0, 100.0)
    second = _scored([_step(CAP, placed=True), _step(BAC, placed=False)], -0.3, 103.0)
    assert second.score < first.score
    assert unplaced_notice([first, second]) is None


def test_the_note_holds_when_only_the_second_is_unplaced() -> None:
    first = _scored([_step(CAP, placed=True)], -6.0, 100.0)
    second = _scored([_step(BAC, placed=False)], 0.0, 102.0)
    assert second.score < first.score
    note = unplaced_notice([first, second])
    assert note is not None and note.startswith("Le parcours n° 2 (Bac pro ASSP"), note


def _outside(s: Scored, outside: int) -> Scored:
    extra = -25.0 * outside
    return Scored(
        score=s.score + extra,
        components={**s.components, "outside": extra},
        start=s.start,
        plan=s.plan,
        travel_km=s.travel_km,
        outside=outside,
        field_points=s.field_points,
        modality_hits=s.modality_hits,
        unplaced=s.unplaced,
    )


def test_the_note_holds_after_a_first_pathway_wholly_outside() -> None:
    """tester25, Châteauroux: rank 1 wholly outside (2 steps, −50), rank 2 starting inside at
    an establishment without an address (1 step outside, −25, and the unknown distance): the
    note is said, and says that the first is outside; with as many steps outside, it is not."""
    first = _outside(_scored([_step(CAP, placed=True), _step(BAC, placed=True)], -5.0, 108.0), 2)
    second = _outside(_scored([_step(CAP, placed=False), _step(BAC, placed=True)], -2.0, 90.0), 1)
    assert second.score < first.score
    note = unplaced_notice([first, second])
    assert note is not None and note.startswith("Le parcours n° 2 (CAP AEPE"), note
    assert note.endswith(
        "alors que le n° 1 est entièrement hors du territoire demandé. À vérifier avec "
        "l'établissement."
    ), note
    same = _outside(_scored([_step(CAP, placed=False), _step(BAC, placed=True)], -2.0, 115.0), 2)
    assert same.score < first.score
    assert unplaced_notice([first, same]) is None


def test_no_note_for_a_pathway_ranked_after_for_its_closed_entry() -> None:
    """A pathway nobody can enter any more ranks last whatever its score
    (graph/pathways/closing.py): it is not « classé après … parce que l'adresse »."""
    first = _scored([_step(CAP, placed=True)], -6.0, 100.0)
    second = _scored([_step(BAC, placed=False)], 0.0, 102.0)
    assert unplaced_notice([first, second]) is not None
    assert unplaced_notice([first, second], [False, True]) is None
