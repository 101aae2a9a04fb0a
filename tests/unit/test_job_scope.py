"""Which diplomas reach a goal job in a territory (graph/pathways/job_scope.py): a campus's
ties only where it speaks, the public links everywhere."""

from __future__ import annotations

from graph.campus_scope import SectorBasis
from graph.pathways.job_scope import JobGoal, job_goal, no_public_link_reason, scope_notice

ROWS = [
    {"code": "usinage", "link": "campus", "campuses": ["mv"]},
    {"code": "trpm", "link": "campus", "campuses": ["mv"]},
    {"code": "trpm", "link": "rome", "campuses": []},
    {"code": "national", "link": "campus", "campuses": []},
    {"code": "cap-251", "link": "nsf", "campuses": []},
]


def test_inside_the_campus_its_ties_hold_and_nsf_groups_are_not_read() -> None:
    goal = job_goal(ROWS, {"mv"}, None)
    assert goal.codes == {"usinage", "trpm", "national"}
    assert not goal.public_only


def test_outside_only_public_links_and_ties_of_no_campus_hold() -> None:
    goal = job_goal(ROWS, {"cle"}, None)
    assert goal.codes == {"trpm", "national"}
    assert goal.set_aside == {"usinage"} and goal.campuses == ("mv",)
    assert goal.public_only


def test_a_campus_sector_elsewhere_reads_its_nsf_groups() -> None:
    basis = SectorBasis("mp", "Mécanique de précision", ("CMQ MV",), (), ("251",))
    goal = job_goal(ROWS, set(), basis)
    assert goal.codes == {"trpm", "national", "cap-251"}
    assert goal.public_only


def test_a_tie_held_by_a_local_campus_is_not_set_aside() -> None:
    rows = [
        {"code": "x", "link": "campus", "campuses": ["mv"]},
        {"code": "x", "link": "campus", "campuses": ["cle"]},
    ]
    goal = job_goal(rows, {"cle"}, None)
    assert goal.codes == {"x"} and not goal.set_aside


def test_the_notice_names_the_campus_and_the_diplomas_set_aside() -> None:
    goal = JobGoal(frozenset({"a"}), frozenset({"b", "c", "d", "e"}), ("mv", "x"))
    said = scope_notice(goal, "métier ROME H2903", {"mv": "CMQ MV", "x": "CMQ X"}, list("BCDE"))
    assert said is not None
    assert said.startswith("Les campus CMQ MV et CMQ X rattachent aussi au métier ROME H2903 4 ")
    assert "(B ; C ; D (et 1 autre))" in said


def test_no_public_link_is_said_not_answered() -> None:
    aside = JobGoal(frozenset(), frozenset({"b"}), ("mv",))
    said = no_public_link_reason(aside, "métier ROME H2999", {"mv": "CMQ MV"})
    assert said is not None and said.startswith("Seul le campus CMQ MV rattache des diplômes")
    assert no_public_link_reason(JobGoal(frozenset()), "métier ROME H2999", {}) is None
    assert no_public_link_reason(JobGoal(frozenset({"a"}), aside.set_aside), "x", {}) is None
