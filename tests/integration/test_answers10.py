"""Answers that must hold everywhere in France (review of the tenth session), on each engine,
over the seed graph (Mecanic Vallée: Aveyron 12, Lot 46) and the mini campus."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import ask

BAC_MV = "40025014"  # the machining Bac pro of the Mecanic Vallée lycées


def test_a_home_far_from_the_territory_is_said_first(seed_client: TestClient) -> None:
    """Marseille with the Aveyron and the Lot: every distance of the answer is counted from
    Marseille, ~200 km away; the answer said nothing of it and read as a local one."""
    params = {"from": BAC_MV, "to_level": 5, "departements": "12,46"}
    far = ask(seed_client, **params, home="13055")
    assert far["pathways"], far
    first = far["notices"][0]
    assert first.startswith("Commune de l'élève loin du territoire : Marseille est à environ "), (
        first
    )
    assert "km des départements de l'Aveyron (12) et du Lot (46)." in first, first
    assert "comptées depuis Marseille, pas depuis le territoire" in first, first
    # a home of the territory, or just across its border, says nothing of the kind
    for home in ("46102", "Villefranche-de-Rouergue", "Capdenac"):
        near = ask(seed_client, **params, home=home)
        assert not any("loin du territoire" in n for n in near["notices"]), (home, near)
    # the campus and a radius say it too
    campus = ask(
        seed_client, **{"from": BAC_MV, "to_level": 5}, campus="mecanic-vallee", home="Lille"
    )
    assert campus["notices"][0].startswith("Commune de l'élève loin du territoire : Lille"), campus
    circle = ask(
        seed_client, **{"from": BAC_MV, "to_level": 5}, near="Figeac", radius_km=30, home="13055"
    )
    assert "km du cercle de 30 km autour de Figeac." in circle["notices"][0], circle["notices"]
