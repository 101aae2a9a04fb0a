"""How precisely establishments are placed, as the answers say it, on each real engine, over a
fixture cut from the national files (tests/fixtures/opendata_place/, its make_fixture.py says
what is kept): a CFA placed at the centre of Nantes no longer passes a lycée 0.9 km from home
placed by its address, its distance is « ~2 km, position approximative »; the commune of an
establishment placed by coordinates only is the one whose contour holds its position, « près
de » it near its border (graph/commune_contours.py; the name and the nearest centre only
without contours: graph/place_precision.py, graph/ingest/opendata/named_commune.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ask, imported_client_fixture

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NANTES_HOME = "47.2184,-1.5536"  # the centre of Nantes
BAC_PRO_MELEC, BTS_ELEC = "40025520", "32025520"
MARTELLO, LIVET = "uai-0440334z", "uai-0440029t"
IUT_PARIS = "uai-0754247j"  # in the 16e, 0.2 km from its border: « près de » it


client = imported_client_fixture(FIXTURES / "opendata_place")


def offers(client: TestClient) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    answer = ask(client, **{"from": BAC_PRO_MELEC}, to=BTS_ELEC, home=NANTES_HOME, limit=1)
    (p,) = answer["pathways"]
    return p, p["steps"][1]["offers"]


def test_a_commune_centre_place_does_not_pass_a_nearer_placed_one_and_says_so(
    client: TestClient,
) -> None:
    p, got = offers(client)
    cfa = next(o for o in got if o["actor_id"] == MARTELLO)
    lycee = next(o for o in got if o["actor_id"] == LIVET)  # first of its offers
    assert cfa["location_precision"] == "commune" and lycee["location_precision"] == "address"
    # the CFA's centre is 0.1 km from home, the lycée 0.9 km: the lycée is chosen all the same
    assert lycee["chosen"] and not cfa["chosen"]
    assert lycee["distance_km"] == pytest.approx(0.9, abs=0.11)
    assert cfa["distance_km"] == 2.0  # « ~2 km », never « 0,1 km »
    assert got.index(lycee) < got.index(cfa)
    assert not any("approximative" in e for e in p["score"]["explanation"])


def test_map_points_and_pathway_features_carry_the_precision(client: TestClient) -> None:
    r = client.get("/map.geojson", params={"departements": "44"})
    assert r.status_code == 200, r.text
    props = {f["properties"]["id"]: f["properties"] for f in r.json()["features"]}
    assert props[MARTELLO]["location_precision"] == "commune"
    assert props[LIVET]["location_precision"] == "address"
    r = client.get(
        "/pathways.geojson",
        params={"from": BAC_PRO_MELEC, "to": BTS_ELEC, "home": NANTES_HOME, "limit": 1},
    )
    assert r.status_code == 200, r.text
    steps = [f["properties"] for f in r.json()["features"] if f["properties"]["feature"] == "step"]
    assert [s["location_precision"] for s in steps] == ["address"]


def test_the_commune_of_a_place_known_by_coordinates_only(client: TestClient) -> None:
    """The commune whose contour holds the position: ENIM Metz in Metz (the nearest centre is
    Peltre's), the Lycée Paul Augier in Nice (Saint-Laurent-du-Var's), the Lycée Livet in
    Nantes, said « à Nantes », not « près de Nantes »; and, in every territory, where the
    nearest centre is a neighbour's: Rennes (Cesson-Sévigné), Sartène in Corse-du-Sud
    (Granace), Ouangani in Mayotte (Chiconi). Never in another département."""
    r = client.get("/map.geojson", params={"departements": "06,57,35,2A,976"})
    assert r.status_code == 200, r.text
    props = {f["properties"]["id"]: f["properties"] for f in r.json()["features"]}
    placed = {
        uai: (props[uai]["commune"], props[uai]["insee"], props[uai]["commune_from"])
        for uai in ("uai-0570140t", "uai-0060034e", "uai-0350032v", "uai-6200190m", "uai-9760125g")
    }
    assert placed == {
        "uai-0570140t": ("Metz", "57463", "contour"),
        "uai-0060034e": ("Nice", "06088", "contour"),
        "uai-0350032v": ("Rennes", "35238", "contour"),
        "uai-6200190m": ("Sartène", "2A272", "contour"),
        "uai-9760125g": ("Ouangani", "97614", "contour"),
    }
    p, got = offers(client)
    lycee = next(o for o in got if o["actor_id"] == LIVET)
    assert (lycee["commune"], lycee["commune_from"]) == ("Nantes", "contour")
    assert any("LGT Livet (Nantes)" in e for e in p["score"]["explanation"])
    assert not any("près de Nantes" in e for e in p["score"]["explanation"])


def test_near_a_border_the_commune_is_only_near(client: TestClient) -> None:
    """The IUT de Paris Rives de Seine lies in the 16e (its contour holds the position), 0.2 km
    from its border: the answers say « près de Paris 16e », never the 15e (the nearest town
    hall's), and the API says the commune is deduced (``commune_from`` « coordinates »)."""
    iut = client.get(f"/actors/{IUT_PARIS}").json()
    assert (iut["commune"], iut["insee"], iut["commune_from"]) == (
        "Paris 16e Arrondissement",
        "75116",
        "coordinates",
    )


def test_every_answer_says_near_a_commune_found_by_position_only(client: TestClient) -> None:
    """The IUT de Paris Rives de Seine is only « près de » Paris 16e: the actor endpoints say
    how its commune was found, and the gap report's titles say « près de » as the pathways do
    (they named the commune as a fact: « Lycée Gustave Eiffel (Saint-Apollinaire) », a lycée
    of Dijon)."""
    iut = client.get(f"/actors/{IUT_PARIS}").json()
    assert (iut["commune"], iut["commune_from"]) == ("Paris 16e Arrondissement", "coordinates")
    listed = client.get("/actors", params={"q": "0754247J"}).json()["items"]
    assert [a["commune_from"] for a in listed] == ["coordinates"]
    # the gap report's rows carry it to its titles (graph/gaps/findings.named_at)
    store = client.app.state.store  # type: ignore[attr-defined]
    (row,) = store.read("gaps_actors_of", ids=[IUT_PARIS])
    (offer_actor,) = store.read("gaps_offer_actors", ids=[IUT_PARIS])
    assert row["commune_from"] == offer_actor["actor"]["commune_from"] == "coordinates"
    nodes = client.get("/feeders", params={"to": BTS_ELEC}).json()["feeders"]
    assert all("commune_from" in o for f in nodes for o in f["offers"])


def test_an_offer_says_how_its_commune_was_found(client: TestClient) -> None:
    """The offers of an actor (GET /actors/{id}) and of a diploma (GET /diplomas/{code}) gave
    « commune »: Saint-Laurent-du-Var for the Lycée Paul Augier as a fact, with nothing saying
    that the import only found it nearest to its position (the interface's record of a
    diploma said « Lycée … (Saint-Laurent-du-Var) »; Guynemer « (Bidos) » nationally): the
    IUT de Paris Rives de Seine's are « près de » Paris 16e."""
    iut = client.get(f"/actors/{IUT_PARIS}").json()
    assert iut["offers"], iut
    assert {(o["commune"], o["commune_from"]) for o in iut["offers"]} == {
        ("Paris 16e Arrondissement", "coordinates")
    }
    code = iut["offers"][0]["diploma"]
    offered = client.get(f"/diplomas/{code}").json()["offers"]
    mine = [o for o in offered if o["actor"] == IUT_PARIS]
    assert mine and all(o["commune_from"] == "coordinates" for o in mine), mine


def test_a_territory_around_a_commune_other_departements_name_too_says_which(
    client: TestClient,
) -> None:
    """« 300 km autour de Saint-Pierre » did not say which Saint-Pierre: the web sends the
    commune chosen by its code, which was said by its name alone."""
    r = client.get("/feeders", params={"to": BTS_ELEC, "near": "insee:97416", "radius_km": 300})
    assert r.status_code == 200, r.text
    assert r.json()["territory_phrase"] == (
        "dans un rayon de 300 km autour de Saint-Pierre (La Réunion, 974)"
    )
