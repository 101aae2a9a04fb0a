"""A far better founded passerelle before a weakly related one for an unknown address alone
(graph/pathways/trade_fit.py): the Bas-Rhin's CAP pâtissier in apprenticeship, whose Bac pro
boulanger pâtissier (strength 0.93, an establishment without an address, last listed in 2020)
ranked after the Bac pro technicien conseil vente en alimentation at Erstein (0.25, 19 km)."""

from __future__ import annotations

from graph.pathways.scoring import Choice, Offer, Scored, Step
from graph.pathways.trade_fit import fit_first, fit_first_notice, fit_moves

TCVA = {"code": "40322108", "name": "Bac pro technicien conseil vente en alimentation"}
BP = {"code": "40022105", "name": "Bac pro boulanger pâtissier", "type": "bac_pro"}
MCV = {"code": "40031213", "name": "Bac pro métiers du commerce et de la vente"}


def _step(
    diploma: dict[str, str], strength: float | None, *, placed: bool, seen: int | None
) -> Step:
    row = {
        "lat": 48.42 if placed else None,
        "lon": 7.65 if placed else None,
        "commune": "Erstein" if placed else None,
        "departement": "67",
    }
    actor = {"id": "a", "name": "Lycée professionnel agricole" if placed else "Lycée B"}
    offer = Offer(diploma["code"], actor, row, True, last_seen=seen)
    choice = Choice([offer], 18.7 if placed else None, 18.7 if placed else 0.0, None, not placed)
    origin = "documented" if strength is None else "inferred"
    return Step(diploma, {"passerelle_origin": origin, "strength": strength}, choice, None)


def _scored(step: Step, components: dict[str, float], outside: int = 0) -> Scored:
    return Scored(
        score=100.0 + sum(components.values()),
        components=components,
        start={"code": "50022141"},
        plan=[step],
        travel_km=None,
        outside=outside,
        field_points=0.0,
        modality_hits=0,
        unplaced=int(step.choice.unplaced),
    )


def _strasbourg() -> tuple[Scored, Scored]:
    """The two pathways of the answer (their terms as the answer gave them, December 2026)."""
    tcva = _scored(
        _step(TCVA, 0.25, placed=True, seen=None),
        {
            "travel": -1.5,
            "inferred_passerelles": -4.0,
            "weak_evidence": -11.25,
            "known_capacity": 1,
        },
    )
    bp = _scored(
        _step(BP, 0.93, placed=False, seen=2020),
        {
            "unknown_distance": -26.4,
            "not_seen_lately": -12.0,
            "inferred_passerelles": -4.0,
            "weak_evidence": -1.05,
        },
    )
    return tcva, bp


def test_a_far_better_founded_pathway_passes_a_weak_one_for_an_unknown_address() -> None:
    tcva, bp = _strasbourg()
    assert bp.score < tcva.score
    after = fit_first([tcva, bp])
    assert after == [bp, tcva]
    note = fit_first_notice(after, fit_moves([tcva, bp], after))
    assert note is not None
    assert note.startswith("Le parcours n° 1 (Bac pro boulanger pâtissier au Lycée B (Bas-Rhin")
    assert "devant le n° 2" in note
    assert "n'apparaît plus dans les fichiers publics depuis 2020" in note


def test_the_weak_one_placed_second_first_stays() -> None:
    """Nothing moves when the better founded pathway is first already, nor is anything said."""
    tcva, bp = _strasbourg()
    assert fit_first([bp, tcva]) == [bp, tcva]
    assert fit_first_notice([bp, tcva], fit_moves([bp, tcva], [bp, tcva])) is None


def test_close_evidence_is_left_to_the_score() -> None:
    """Two inferred legs of close strength (0.86 and 0.61: the BTS FED options after a Bac pro
    MFER): the score decides, the address's doubt included."""
    tcva, bp = _strasbourg()
    close = _scored(_step(TCVA, 0.6, placed=True, seen=None), dict(tcva.components))
    assert fit_first([close, bp]) == [close, bp]


def test_a_documented_passerelle_is_never_passed() -> None:
    tcva, bp = _strasbourg()
    documented = _scored(_step(MCV, None, placed=True, seen=None), {"travel": -1.5})
    assert fit_first([documented, bp]) == [documented, bp]


def test_no_pass_when_the_doubts_are_not_what_ranks_it_after() -> None:
    """Without its unknown address and its last listing it would still rank after: no move."""
    tcva, bp = _strasbourg()
    far_worse = _scored(
        bp.plan[0], {**bp.components, "modality_not_described": -50.0}
    )  # the first in the modality, the other not
    assert fit_first([tcva, far_worse]) == [tcva, far_worse]


def test_no_pass_over_a_pathway_with_fewer_steps_outside() -> None:
    tcva, bp = _strasbourg()
    outside = _scored(bp.plan[0], dict(bp.components), outside=1)
    assert fit_first([tcva, outside]) == [tcva, outside]
