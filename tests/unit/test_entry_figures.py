"""A step entered after 3e compares its offers on the figures of the entry after 3e
(graph/pathways/entry_figures.py): a Bac pro listed by its 1re pro only is ranked on the
common 2nde's places at that lycée, or on none, never on its 1re pro places as if they were
another lycée's 2nde pro; a later step keeps the offers' own figures."""

from __future__ import annotations

from typing import Any

from graph.pathways.after_3e import ENTRY_LEG
from graph.pathways.entry_figures import AFTER_3E_ORIGIN, entry_capacity, entry_demand
from graph.pathways.scoring import Offer, Scorer, choose

MARSEILLE = (43.2965, 5.3698)
Row = dict[str, Any]
BAC = {"code": "40025520", "name": "Bac pro", "type": "bac_pro", "level": 4, "nsf": "255"}
START = {"code": "0", "name": "Départ", "type": "other", "level": 2, "nsf": None}
CAP = {"code": "5", "name": "CAP", "type": "cap", "level": 3, "nsf": "255"}
LEG = {"passerelle_id": "p", "passerelle_origin": "documented", "kind": "continuation"}


def _offer(name: str, capacity: int | None, demand: int | None = None, **entry: Any) -> Offer:
    actor = {"id": name, "name": name, "kind": "lycee"}
    offer = {
        "status": "open",
        "modality": "school",
        "lat": MARSEILLE[0],
        "lon": MARSEILLE[1],
        "capacity": capacity,
        "demand": demand,
        **entry,
    }
    return Offer("40025520", actor, offer, True)


def _first(offers: list[Offer], *, after_3e: bool) -> str:
    got = choose(offers, MARSEILLE, allow_outside=False, after_3e=after_3e)
    assert got is not None
    return str(got.ranked[0].actor["name"])


def test_the_figures_of_the_entry_after_3e() -> None:
    assert (entry_capacity({"capacity": 30}), entry_demand({"demand": 4})) == (30, 4)
    own_1re = {"capacity": 24, "demand": 1, "entry_year": 2}
    assert entry_capacity(own_1re) is None and entry_demand(own_1re) is None
    common = {**own_1re, "entry_capacity": 69, "entry_demand": 27}
    assert (entry_capacity(common), entry_demand(common)) == (69, 27)
    assert ENTRY_LEG["passerelle_origin"] == AFTER_3E_ORIGIN


def test_1re_pro_places_do_not_pass_a_2nde_pro_of_fewer_places_after_3e() -> None:
    """As near, 30 places of 1re pro (no common 2nde listed) are no more than 20 of 2nde for
    a pupil leaving 3e; for a CAP holder entering the 1re pro, the own figures still rank."""
    first_year = _offer("Lycée 2nde", 20, 10)
    later = _offer("Lycée 1re", 30, 40, entry_year=2)
    assert _first([later, first_year], after_3e=True) == "Lycée 2nde"
    assert _first([later, first_year], after_3e=False) == "Lycée 1re"


def test_the_common_2nde_places_are_the_entry_after_3e() -> None:
    """A Bac pro of a famille de métiers listed by its 1re pro (12 places) is entered after 3e
    through a common 2nde of 69 places there: that is compared with the 30 of a 2nde pro."""
    first_year = _offer("Lycée 2nde", 30, 10)
    family = _offer("Lycée famille", 12, 1, entry_year=2, entry_capacity=69, entry_demand=27)
    assert _first([first_year, family], after_3e=True) == "Lycée famille"
    assert _first([first_year, family], after_3e=False) == "Lycée 2nde"


def test_a_step_after_3e_known_only_by_1re_pro_places_has_no_known_capacity() -> None:
    offers = {"40025520": [_offer("Lycée 1re", 24, 1, entry_year=2)]}
    after_3e = Scorer(offers, fields={}, home=MARSEILLE).score([START, BAC], [dict(ENTRY_LEG)])
    assert after_3e is not None and after_3e.components["known_capacity"] == 0
    after_cap = Scorer(offers, fields={}, home=MARSEILLE).score([CAP, BAC], [LEG])
    assert after_cap is not None and after_cap.components["known_capacity"] > 0
    offers = {"40025520": [_offer("Lycée 1re", 24, 1, entry_year=2, entry_capacity=69)]}
    common = Scorer(offers, fields={}, home=MARSEILLE).score([START, BAC], [dict(ENTRY_LEG)])
    assert common is not None and common.components["known_capacity"] > 0
