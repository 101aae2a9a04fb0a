"""graph/feeders.py counts a passerelle where it holds (graph/pathways/scope.py), like the
pathway search: a campus's leg never makes a feeder of another territory."""

from __future__ import annotations

from typing import Any

from graph.feeders import rank_feeders
from graph.territory import Territory

EURE = Territory(departements=["027", "076"])


def _offer(actor: str, departement: str, capacity: int | None = 24) -> dict[str, Any]:
    return {"actor": actor, "name": actor.upper(), "departement": departement, "capacity": capacity}


def _row(code: str, **leg: Any) -> dict[str, Any]:
    offers = [_offer(f"{code}-figeac", "046"), _offer(f"{code}-evreux", "027")]
    return {"code": code, "name": code, "type": "bac_pro", "level": 4, "offers": offers, **leg}


def test_a_leg_that_holds_from_the_campus_territory_feeds_nothing_elsewhere() -> None:
    """The reported cases: a 2de commune in the Eure, then (tester23) the Bac pro MSPC in the
    Allier, listed as feeders of a BTS through a Mecanic Vallée leg that holds for a source
    taken in the Lot or the Aveyron only: listed with no establishment of the territory (its
    own offers do not take that leg), they read as a feeder the territory lacks. A campus's
    fact says nothing of another territory: not listed there."""
    rows = [_row("40020008", origin="inferred", from_departements=["012", "046"])]
    assert rank_feeders(rows, EURE) == []
    (here,) = rank_feeders(rows, Territory(departements=["046"]))
    assert [o.actor_id for o in here.offers] == ["40020008-figeac"]
    assert here.outside == 0  # the Eure's offer does not take the leg


def test_a_leg_into_a_campus_territory_is_no_feeder_of_another() -> None:
    rows = [_row("40025014", origin="inferred", to_departements=["012", "046"])]
    assert rank_feeders(rows, EURE) == []
    assert rank_feeders(rows, Territory(region="76"))  # Occitanie holds the Lot


def test_a_documented_campus_passerelle_elsewhere_is_inferred_without_figures() -> None:
    rows = [
        _row(
            "40025014",
            origin="documented",
            passerelle="mv-p1",
            scope="campus",
            scope_departements=["012", "046"],
            entrant_share=0.6,
            rate=0.9,
        )
    ]
    (f,) = rank_feeders(rows, EURE)
    assert (f.origin, f.passerelle, f.rate, f.entrant_share) == ("inferred", None, None, None)
    (there,) = rank_feeders(rows, Territory(departements=["046"]))
    assert (there.origin, there.passerelle, there.entrant_share) == ("documented", "mv-p1", 0.6)


def test_an_establishment_scope_is_read_by_its_departements() -> None:
    leg = dict(origin="documented", passerelle="p", scope="actors", scope_actors=["lycee-x"])
    rows = [_row("A", scope_actor_departements=["046"], **leg)]
    assert rank_feeders(rows, EURE)[0].origin == "inferred"
    assert rank_feeders(rows, Territory(departements=["046"]))[0].origin == "documented"


def test_a_common_first_year_is_listed_after_the_direct_entrants_as_an_earlier_step() -> None:
    """BTS électrotechnique, Eure: « Systèmes numériques (Bac pro) — 2de commune de la famille
    de métiers, puis un Bac pro » came third among the feeders, between two Bac pro, as if its
    learners entered the BTS; they take a Bac pro first."""
    second = {"code": "40025516", "name": "SYSTEMES NUMERIQUES 2NDE COMMUNE (BAC PRO)",
              "type": "bac_pro", "level": 4, "origin": "inferred",
              "offers": [_offer(f"sn-{i}", "027") for i in range(5)]}  # fmt: skip
    bac = {**_row("40025520", origin="inferred"), "name": "Bac pro MELEC"}
    ranked = rank_feeders([second, bac], EURE)
    assert [(f.code, f.step) for f in ranked] == [("40025520", "direct"), ("40025516", "earlier")]
    assert "2de commune" in ranked[1].name
