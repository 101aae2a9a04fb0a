"""The trip's length in the answer is the one its sentence and its steps say: a trip of
0.2 km to a CFA placed at a commune's centre read « Trajet total ~2 km » and « ~2 km » on its
step, but ``travel_km`` 0.2 (graph/place_precision.py)."""

from __future__ import annotations

from graph.pathways.explanation import approximate_trip, shown_travel_km
from graph.pathways.scoring import Choice, Offer, Scored, Step

HOME = (47.2184, -1.5536)


def _scored(km: float, precision: str | None) -> Scored:
    offer = Offer(
        "32025520",
        {"id": "a", "name": "CFA", "described": True},
        {"status": "open", "lat": 47.22, "lon": -1.55, "coords_precision": precision},
        True,
    )
    choice = Choice([offer], km, km, (47.22, -1.55))
    step = Step({"code": "32025520"}, {"kind": "poursuite"}, choice, HOME)
    return Scored(0.0, {}, {"code": "40025520"}, [step], km, 0, 0.0, 0)


def test_a_short_trip_to_a_commune_centre_is_given_as_its_sentence_says() -> None:
    s = _scored(0.2, "commune")
    assert approximate_trip(s)
    assert shown_travel_km(s) == 2.0


def test_a_trip_to_places_known_by_address_keeps_its_tenth_of_a_km() -> None:
    s = _scored(0.23, "address")
    assert not approximate_trip(s)
    assert shown_travel_km(s) == 0.2


def test_a_long_trip_is_not_approximate_and_an_unknown_one_stays_unknown() -> None:
    assert shown_travel_km(_scored(120.44, "commune")) == 120.4
    s = _scored(1.0, "commune")
    s.travel_km = None
    assert shown_travel_km(s) is None
