"""An establishment placed by its position alone, near its commune's contour where no other
commune's is (the sea's border, a lake's, the country's): in that commune, not « près de » it
(graph/commune_contours.py, graph/ingest/opendata/plan.py ``lone_commune``), on the real
commune reference and contours."""

from __future__ import annotations

import pytest

from graph import commune_contours
from graph.ingest.opendata import plan


def _placed(name: str, lat: float, lon: float, departement: str) -> tuple[str | None, str | None]:
    """The commune and ``commune_from`` the import gives an establishment Parcoursup places by
    its position alone (plan.py ``_establishments``)."""
    e = plan.Establishment(
        uai="0000000A",
        name=name,
        kind="lycee",
        described_by=[],
        sources=[],
        departement=departement,
    )
    e.lat, e.lon, e.coords = lat, lon, "establishment"
    key = (lat, lon, departement)
    held = plan.contained_commune(*key)
    if held is not None and held[1]:
        return held[0].name, "contour"
    plan._guess_commune(e, key, held)
    return e.commune, e.commune_from


@pytest.fixture(autouse=True)
def _contours() -> None:
    if commune_contours.contours() is None:
        pytest.skip("the commune contours are not installed (make install)")


def test_a_point_on_the_seafront_is_in_its_commune() -> None:
    """The Lycée Fesch, on Ajaccio's seafront, 0.17 km inside the simplified coast: within
    BORDER_KM of its commune's border, it read « Lycée Fesch (près d'Ajaccio) »."""
    assert _placed("Lycée Fesch", 41.918, 8.73357, "02A") == ("Ajaccio", "contour")
    assert _placed("Lycée professionnel Jean Nicoli", 42.6985, 9.45098, "02B") == (
        "Bastia",
        "contour",
    )


def test_a_point_just_off_the_coast_is_in_the_only_commune_near_it() -> None:
    """The Lycée maritime Anita Conti (Fécamp): its position lies 15 m off the simplified
    coast, in no contour; the only commune near it is the one whose town hall is nearest."""
    assert _placed("Lycée professionnel maritime Anita Conti", 49.7631, 0.37093, "076") == (
        "Fécamp",
        "contour",
    )


def test_a_point_near_a_neighbour_stays_near_its_commune() -> None:
    """Near another commune's contour, the point may lie in it: still « près de ». The IFSI
    Cfpbna lies in Bordeaux's contour 0.16 km from Le Bouscat's; the Lycée Robin (Vienne)
    off every contour, in the Rhône, 0.2 km from Saint-Romain-en-Gal's (Rhône)."""
    assert _placed("IFSI Cfpbna", 44.8639, -0.57661, "033") == ("Bordeaux", "coordinates")
    assert plan.lone_commune(44.8639, -0.57661, "033") is None
    assert _placed("Lycée Robin", 45.5224, 4.86999, "038")[1] == "coordinates"
    assert plan.lone_commune(45.5224, 4.86999, "038") is None
