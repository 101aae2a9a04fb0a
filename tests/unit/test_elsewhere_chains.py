"""Chains of passerelles that hold elsewhere only (graph/pathways/elsewhere.py): what an empty
answer says when known passerelles lead to the goal through a step that does not hold here."""

from __future__ import annotations

from typing import Any

from graph.pathways.elsewhere import Chain, blocked_here, chains_sentence, elsewhere_chains

Row = dict[str, Any]
LEVELS = {"bac": 4, "bac2": 4, "bts": 5, "bts2": 5, "cap": 3, "lp": 6, "ing": 7, "ing2": 7}
ROWS = {c: {"code": c, "name": c.upper(), "level": lv} for c, lv in LEVELS.items()}
HERE: Row = {"kind": "continuation"}
AWAY: Row = {"kind": "continuation", "to_departements": ["012"]}


def chains(legs: dict[str, list[tuple[str, Row]]], *, max_steps: int = 4, **kw: Any) -> list[Chain]:
    return elsewhere_chains(
        ["bac"],
        lambda codes: {c: legs.get(c, []) for c in codes},
        ROWS,
        lambda d: d["level"] >= 7,
        lambda leg, target: bool(leg.get("to_departements")),
        max_steps=max_steps,
        **kw,
    )


def test_a_chain_whose_last_step_holds_elsewhere() -> None:
    found = chains({"bac": [("bts", HERE)], "bts": [("ing", AWAY)]})
    assert [(c.codes, c.blocked) for c in found] == [(("bac", "bts", "ing"), (1,))]


def test_a_chain_that_holds_here_is_not_said() -> None:
    assert chains({"bac": [("bts", HERE)], "bts": [("ing", HERE)]}) == []


def test_a_step_elsewhere_before_the_goal_counts() -> None:
    found = chains({"bac": [("bts", AWAY)], "bts": [("lp", HERE)], "lp": [("ing", HERE)]})
    assert [(c.codes, c.blocked) for c in found] == [(("bac", "bts", "lp", "ing"), (0,))]


def test_at_most_max_steps_legs() -> None:
    legs = {"bac": [("bts", AWAY)], "bts": [("lp", HERE)], "lp": [("ing", HERE)]}
    assert chains(legs, max_steps=2) == []


def test_levels_never_go_down_except_on_a_reorientation() -> None:
    down = {"bac": [("cap", AWAY)], "cap": [("ing", HERE)]}
    assert chains(down) == []
    back = {"bac": [("cap", {"kind": "reorientation", "to_departements": ["012"]})]}
    assert [c.codes for c in chains({**down, **back})] == [("bac", "cap", "ing")]


def test_a_chain_ends_at_its_first_goal_diploma() -> None:
    found = chains({"bac": [("bts", HERE)], "bts": [("ing", HERE)], "ing": [("ing2", AWAY)]})
    assert found == []


def test_the_chain_with_fewer_steps_elsewhere_is_named_for_a_goal() -> None:
    # the same length both ways: the one with one step elsewhere, not two
    legs = {"bac": [("bts", AWAY), ("bts2", HERE)], "bts": [("ing", AWAY)], "bts2": [("ing", AWAY)]}
    found = chains(legs)
    assert [(c.codes, c.blocked) for c in found] == [(("bac", "bts2", "ing"), (1,))]


def test_the_way_with_fewer_steps_elsewhere_is_kept_to_a_step() -> None:
    legs = {
        "bac": [("bts", AWAY), ("bts2", HERE)],
        "bts": [("lp", AWAY)],
        "bts2": [("lp", AWAY)],
        "lp": [("ing", HERE)],
    }
    found = chains(legs)
    assert [(c.codes, c.blocked) for c in found] == [(("bac", "bts2", "lp", "ing"), (1,))]


def test_shortest_first_one_per_goal() -> None:
    legs = {"bac": [("bts", HERE), ("ing2", AWAY)], "bts": [("ing", AWAY), ("ing2", AWAY)]}
    found = chains(legs)
    assert [c.codes for c in found] == [("bac", "ing2"), ("bac", "bts", "ing")]


def test_the_search_is_bounded() -> None:
    legs = {"bac": [("bts", HERE)], "bts": [("lp", HERE)], "lp": [("ing", AWAY)]}
    assert chains(legs, max_states=2) == []
    assert len(chains(legs, max_states=10)) == 1


def test_a_local_leg_or_a_foreign_programme_does_not_hold_here() -> None:
    territories = {"MV-ING": {"012", "046"}}
    assert blocked_here({"from_departements": ["012"]}, "x", None, territories)
    assert not blocked_here({"from_departements": ["012"]}, "x", ["012"], territories)
    assert blocked_here({"to_departements": ["046"]}, "x", ["044"], territories)
    assert blocked_here({}, "MV-ING", ["044"], territories)
    assert not blocked_here({}, "MV-ING", None, territories)


def test_the_sentence_names_each_chain_and_where_its_step_holds() -> None:
    found = [
        Chain(("bac", "bts", "ing"), (1,), (HERE, AWAY)),
        Chain(("bac", "lp", "ing2"), (0,), (AWAY, HERE)),
    ]
    said = chains_sentence(found, ROWS, lambda c, i: f"vaut à {c.codes[i + 1]}.")
    assert said is not None
    assert said.startswith("Des chaînes de passerelles connues mènent de ce diplôme")
    assert "BTS puis ING (vaut à ing) ; LP (vaut à lp) puis ING2." in said
    assert chains_sentence([], ROWS, lambda c, i: "") is None
