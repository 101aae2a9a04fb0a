"""A programme run on hours fitted for athletes or musicians comes after the ordinary ones
(graph/pathways/reserved_track.py): pure rules over scored pathways."""

from __future__ import annotations

from graph.pathways.reserved_track import ordinary_first, ordinary_first_notice
from graph.pathways.scoring import Choice, Scored, Step


def _pathway(name: str, score: float) -> Scored:
    choice = Choice(ranked=[], dist=3.0, effective=3.0, to=None)
    step = Step(diploma={"code": name, "name": name}, leg={}, choice=choice, prev=None)
    return Scored(
        score=score,
        components={},
        start={"code": "S"},
        plan=[step],
        travel_km=3.0,
        outside=0,
        field_points=0.0,
        modality_hits=0,
        key=("S", name),
    )


def test_the_ordinary_programme_comes_before_its_sport_and_music_section() -> None:
    """tester23, Chambéry: « BUT – GACO – Horaires amenages musique ou sport » first, the
    ordinary BUT GACO second, at the same score."""
    section = _pathway("BUT – GACO – Horaires amenages musique ou sport", 83.26)
    ordinary = _pathway("BUT – GACO", 83.26)
    other = _pathway("BUT – TC", 80.0)
    shown = [section, ordinary, other]
    after = ordinary_first(shown)
    assert [s.key[-1] for s in after] == ["BUT – GACO", "BUT – TC", section.key[-1]]
    notice = ordinary_first_notice(shown, after)
    assert notice is not None and notice.startswith("Le parcours n° 3, dont une étape se suit")
    assert "sportifs ou musiciens" in notice


def test_nothing_moves_without_such_a_section() -> None:
    shown = [_pathway("BUT – GACO", 83.0), _pathway("BUT – TC", 80.0)]
    assert ordinary_first(shown) == shown
    assert ordinary_first_notice(shown, ordinary_first(shown)) is None
