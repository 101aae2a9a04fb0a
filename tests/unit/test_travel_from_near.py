"""Where the trip of a pathway is said to start (graph/pathways/explanation.py): from home, else
from the town a radius is drawn around."""

from __future__ import annotations

from graph.pathways.explanation import _near, _travel_span
from graph.pathways.query import PathwayQuery
from graph.territory import Point, Territory

EVREUX = Point(lat=49.024, lon=1.151, label="Évreux")


def test_the_trip_starts_from_home_else_from_the_centre_of_the_radius() -> None:
    assert _travel_span(1, home=True, near="Évreux") == "du domicile à l'établissement"
    assert _travel_span(2, home=False, near="Évreux") == (
        "d'Évreux (centre du territoire) à la dernière étape"
    )
    assert _travel_span(2, home=False) == "de la 1re à la dernière étape"


def test_the_centre_is_named_only_without_home() -> None:
    around = Territory(near=EVREUX, radius_km=40)
    q = PathwayQuery(start_codes=["50025524"], start_label="CAP", territory=around)
    assert _near(q) == "Évreux"
    assert _near(q.model_copy(update={"home": EVREUX})) is None
    assert _near(q.model_copy(update={"territory": Territory(departements=["027"])})) is None
