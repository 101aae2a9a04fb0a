"""A programme taught at a distance comes after the nearby programmes on site
(graph/pathways/in_person.py): pure rules over scored pathways."""

from __future__ import annotations

from graph.pathways.in_person import in_person_first, in_person_notice
from graph.pathways.scoring import Choice, Scored, Step


def _pathway(name: str, score: float, dist: float | None, remote: bool = False) -> Scored:
    choice = Choice(ranked=[], dist=dist, effective=dist or 0.0, to=None, remote=remote)
    step = Step(diploma={"code": name}, leg={}, choice=choice, prev=None)
    return Scored(
        score=score,
        components={},
        start={"code": "S"},
        plan=[step],
        travel_km=dist,
        outside=0,
        field_points=0.0,
        modality_hits=0,
        key=("S", name),
    )


def _names(shown: list[Scored]) -> list[str]:
    return [s.key[-1] for s in shown]


def test_a_distance_programme_follows_the_nearby_ones_on_site_not_the_far_ones() -> None:
    remote = _pathway("distanciel", 85.5, None, remote=True)
    near1, near2 = _pathway("montreuil", 85.0, 6.2), _pathway("paris", 84.8, 8.4)
    far = _pathway("saint-omer", 45.7, 209.3)
    shown = [remote, near1, near2, far]
    after = in_person_first(shown)
    assert _names(after) == ["montreuil", "paris", "distanciel", "saint-omer"]
    notice = in_person_notice(shown, after)
    assert notice is not None and notice.startswith("Le parcours n° 3, dont une étape se suit")
    assert "quel que soit son score" in notice


def test_nothing_moves_when_the_distance_programme_comes_after_them_already() -> None:
    near, remote = _pathway("paris", 84.8, 8.4), _pathway("distanciel", 80.0, None, True)
    shown = [near, remote]
    assert in_person_first(shown) == shown
    assert in_person_notice(shown, in_person_first(shown)) is None


def test_an_unplaced_step_is_not_nearby() -> None:
    remote, unplaced = _pathway("distanciel", 85.5, None, True), _pathway("inconnu", 60.0, None)
    assert _names(in_person_first([remote, unplaced])) == ["distanciel", "inconnu"]
