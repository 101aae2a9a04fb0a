"""How precisely an establishment is placed (graph/place_precision.py): what its distance may
say, and how it ranks against one placed by its address."""

from __future__ import annotations

from typing import Any

import pytest

from graph.pathways.answer import pathway_out
from graph.pathways.explanation import step_sentence
from graph.pathways.scoring import Offer, Scorer, choose, offer_key
from graph.place_precision import (
    AT_COMMUNE_KM,
    COMMUNE_RADIUS_KM,
    commune_from_position,
    km_phrase,
    location_precision,
    ranking_km,
    shown_km,
)

HOME = (47.2184, -1.5536)  # Nantes
KM = 1 / 111.2  # a km of latitude, in degrees


def offer(name: str, km_north: float, precision: str | None, code: str = "B") -> Offer:
    actor = {"id": name.lower(), "name": name, "kind": "lycee"}
    row = {
        "lat": HOME[0] + km_north * KM,
        "lon": HOME[1],
        "status": "open",
        "modality": "school",
        "commune": "Nantes",
        "departement": "044",
        "coords_precision": precision,
    }
    return Offer(code, actor, row, True)


def test_the_imports_placements_read_as_address_commune_or_unknown() -> None:
    assert location_precision("establishment") == "address"
    assert location_precision("programme") == "address"
    assert location_precision("commune") == "commune"
    assert location_precision("unknown") is None
    assert location_precision(None) is None


def test_a_commune_centre_distance_is_whole_km_never_under_the_communes_radius() -> None:
    assert shown_km(0.23, "commune") == COMMUNE_RADIUS_KM
    assert shown_km(0.23, "commune") == shown_km(0.23, "commune")
    assert shown_km(7.6, "commune") == 8.0
    assert shown_km(0.23, "establishment") == 0.2
    assert shown_km(0.23, None) == 0.2  # seeds: as before
    assert km_phrase(0.2, "commune").startswith("~2 km")
    assert "moins de 1 km" not in km_phrase(0.2, "commune")
    assert "position approximative" in km_phrase(0.2, "commune")
    assert km_phrase(0.2, "establishment") == "moins de 1 km"


def test_ranking_counts_a_commune_centre_a_communes_radius_further() -> None:
    assert ranking_km(0.2, "commune") == pytest.approx(0.2 + COMMUNE_RADIUS_KM)
    assert ranking_km(0.2, "establishment") == 0.2
    assert ranking_km(0.2, None) == 0.2


def test_a_commune_centre_does_not_pass_a_lycee_placed_by_its_address_for_sub_commune_km() -> None:
    """Nantes: the CFA placed at the commune's centre 0.2 km from home ranked before a lycée
    0.9 km away placed by its address; now the lycée comes first. A commune-centre place
    nearer by more than a commune's radius still comes first."""
    cfa = offer("CFA Martello", 0.2, "commune")
    lycee = offer("Lycée", 0.9, "establishment")
    got = choose([cfa, lycee], HOME, allow_outside=False)
    assert got is not None and [o.actor["name"] for o in got.ranked] == ["Lycée", "CFA Martello"]
    assert offer_key(lycee, HOME) < offer_key(cfa, HOME)  # the key and the search's agree
    far = offer("Lycée loin", 6.0, "establishment")
    got = choose([cfa, far], HOME, allow_outside=False)
    assert got is not None and got.ranked[0] is cfa
    # the same two, both placed by address: the nearer first, as before
    assert offer_key(offer("A", 0.2, "establishment"), HOME) < offer_key(lycee, HOME)


def _answer_of(chosen: Offer) -> tuple[Any, str]:
    start = {"code": "A", "name": "Diplôme A", "type": "cap", "level": 3}
    goal = {"code": "B", "name": "Diplôme B", "type": "bac_pro", "level": 4}
    leg = {"passerelle_id": "p", "passerelle_origin": "documented", "kind": "continuation"}
    scored = Scorer({"B": [chosen]}, fields={}, home=HOME).score([start, goal], [leg])
    assert scored is not None
    return pathway_out(scored, 1, []), step_sentence(1, scored.plan[0])


def test_the_answer_says_how_a_place_is_known_and_rounds_its_distance() -> None:
    out, sentence = _answer_of(offer("CFA Martello", 0.2, "commune"))
    (o,) = out.steps[1].offers
    assert o.location_precision == "commune" and o.distance_km == COMMUNE_RADIUS_KM
    assert "~2 km à vol d'oiseau, position approximative (centre de la commune)" in sentence
    out, sentence = _answer_of(offer("Lycée", 0.9, "programme"))
    (o,) = out.steps[1].offers
    assert o.location_precision == "address" and o.distance_km == 0.9
    assert "moins de 1 km" in sentence and "approximative" not in sentence


def test_a_place_next_to_its_nearest_town_hall_is_in_that_commune() -> None:
    """« près de Nantes » was said of a lycée 0.9 km from the town hall of Nantes: within
    AT_COMMUNE_KM the commune is said as is; further (Lycée Paul Augier, 1.9 km from the town
    hall of Saint-Laurent-du-Var, in Nice) only « près de »."""
    assert 1.0 <= AT_COMMUNE_KM <= 1.5
    assert commune_from_position(0.0) == commune_from_position(0.94) == "centre"
    assert commune_from_position(AT_COMMUNE_KM) == "centre"
    assert commune_from_position(AT_COMMUNE_KM + 0.01) == "coordinates"
    assert commune_from_position(1.92) == "coordinates"


def test_a_town_hall_nearly_as_near_as_another_leaves_the_commune_unsure() -> None:
    """The Lycée Jehan de Beauce (Chartres; Parcoursup gives its position only) is 1.0 km from
    the town hall of Mainvilliers and 1.6 km from that of Chartres: it was said « à
    Mainvilliers ». With another centre less than CLEAR_MARGIN times as far, only « près de »
    (75 % right on the Annuaire, against 98.9 % when the next centre is twice as far)."""
    from graph import communes
    from graph.place_precision import CLEAR_MARGIN

    assert CLEAR_MARGIN == 2.0
    assert commune_from_position(0.9, 1.4) == "coordinates"
    assert commune_from_position(0.5, 1.0) == commune_from_position(0.5, None) == "centre"
    ref = communes.reference()
    found = ref.nearest(48.457, 1.47306, departement="28")
    assert found is not None
    commune, km = found
    assert commune.name == "Mainvilliers" and km <= AT_COMMUNE_KM
    other = ref.other_centre_km(48.457, 1.47306, commune, departement="28")
    assert other is not None and other < CLEAR_MARGIN * km
    assert commune_from_position(km, other) == "coordinates"
