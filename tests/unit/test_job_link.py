"""A diploma tied to the goal job only as one of many jobs of a broad record comes after the
job's own diplomas (graph/pathways/job_link.py): pure rules over link rows and scored
pathways."""

from __future__ import annotations

from graph.pathways.job_link import own_first, own_first_notice, weak_links
from graph.pathways.scoring import Choice, Scored, Step

# the diplomas Certif Info ties to D1102 (boulanger), as the national file lists them
BOULANGER = [
    {"code": "50022137", "nsf": "221", "jobs": 1},  # CAP boulanger
    {"code": "40022105", "nsf": "221", "jobs": 2},  # Bac pro boulanger pâtissier
    {"code": "45022108", "nsf": "221", "jobs": 2},  # BP boulanger
    {"code": "50333003", "nsf": "330", "jobs": 5},  # CAPa SAPVER: D1102 among five jobs
]


def _pathway(code: str, name: str, score: float) -> Scored:
    choice = Choice(ranked=[], dist=3.0, effective=3.0, to=None)
    step = Step(diploma={"code": code, "name": name}, leg={}, choice=choice, prev=None)
    return Scored(
        score=score,
        components={},
        start={"code": "S"},
        plan=[step],
        travel_km=3.0,
        outside=0,
        field_points=0.0,
        modality_hits=0,
        key=("S", code),
    )


def test_a_broad_record_outside_the_jobs_own_field_is_a_weak_link() -> None:
    assert weak_links(BOULANGER) == {"50333003": 5}


def test_a_broad_record_of_the_jobs_own_field_is_no_weak_link() -> None:
    broad_same_field = {"code": "x", "nsf": "221", "jobs": 5}
    assert weak_links([*BOULANGER[:2], broad_same_field]) == {}


def test_a_job_without_own_diploma_has_no_weak_link() -> None:
    """Nothing to rank before: every record of the job is broad."""
    assert (
        weak_links([{"code": "a", "nsf": "330", "jobs": 5}, {"code": "b", "nsf": "221", "jobs": 3}])
        == {}
    )


def test_the_weak_link_goes_after_the_jobs_own_diplomas_and_is_said() -> None:
    """tester25, Pau: the CAPa SAPVER ranked 2nd for the job of boulanger."""
    bac = _pathway("40022105", "Bac pro boulanger pâtissier", 90.0)
    sapver = _pathway(
        "50333003", "CAP agricole services aux personnes et vente en espace rural", 85.0
    )
    cap = _pathway("40022105", "CAP pâtissier puis Bac pro", 80.0)
    weak = weak_links(BOULANGER)
    after = own_first([bac, sapver, cap], weak)
    assert after == [bac, cap, sapver]
    text = own_first_notice(after, weak, moved=True) or ""
    assert text.startswith("Le parcours n° 3 mène à CAP agricole services aux personnes"), text
    assert "5 métiers dont celui-ci" in text and "Il est classé après les autres" in text, text
    assert "50333003" not in text and "D1102" not in text, text


def test_nothing_is_said_without_a_weak_link_shown() -> None:
    bac = _pathway("40022105", "Bac pro boulanger pâtissier", 90.0)
    assert own_first([bac], {"50333003": 5}) == [bac]
    assert own_first_notice([bac], {"50333003": 5}, moved=False) is None
