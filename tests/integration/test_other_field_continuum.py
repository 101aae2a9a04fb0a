"""A filière's continuum counts the next steps its own diplomas lead to in the territory, and
the map of a radius says which unplaced places it may hold, on each real engine, over a
hand-built fixture (tests/fixtures/seeds_other_field/other_field.toml: in the Lot, usinage
(NSF 251) at levels 3, 4 and 6, its Bac pro leading to a BTS filed under NSF 223 offered in
Cahors by a lycée without coordinates).

The national files' Doubs said « Absents : Bac+2 (5)… La rupture au niveau 5 oblige les
apprenants à quitter le territoire » for usinage, although its Bac pro leads to the BTS CPRP
(NSF 223) offered in the Doubs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import StoreMaker, make_settings

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds_other_field"


@pytest.fixture(scope="module")
def client(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    store = session_stores()
    load_seeds(store, load_seed_dir(SEEDS))
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("x")), store=store)) as c:
        yield c


def _continuum(client: TestClient, **params: str) -> dict[str, Any]:
    r = client.get("/gaps", params=params)
    assert r.status_code == 200, r.text
    (section,) = [s for s in r.json()["sections"] if s["id"] == "continuum_breaks"]
    (finding,) = section["findings"]
    return dict(finding)


def test_a_level_reached_through_another_field_is_no_break(client: TestClient) -> None:
    found = _continuum(client, departements="46", sector="nsf-251")
    data = found["data"]
    assert data["levels_offered"] == [3, 4, 6]
    assert data["levels_reached_elsewhere"] == [5]
    assert data["levels_missing"] == [7]
    assert data["reached_by"] == [{"diploma": "T-BTS-P", "actor": "lycee-cahors"}]
    assert found["severity"] != "high"
    why = found["why"]
    assert "rupture" not in why, why
    assert "Absents : Bac+5 (7)." in why, why
    assert (
        "Bac+2 (5) : aucune formation de la filière elle-même sur ce territoire, mais celles de "
        "la filière qui y sont recensées mènent (suites connues) à d'autres formations de ce "
        "niveau proposées ici : BTS processus de production (Lycée de Cahors)."
    ) in why, why
    assert "BTS sans lien" not in why  # of the same field, but no next step of the filière


def test_a_next_step_outside_the_territory_does_not_count(client: TestClient) -> None:
    """Around Figeac (10 km), the BTS of Cahors is not in the territory: the break stands."""
    found = _continuum(client, near="Figeac", radius_km="10", sector="nsf-251")
    assert found["data"]["levels_offered"] == [3, 4, 6]
    assert found["data"]["levels_reached_elsewhere"] == []
    assert 5 in found["data"]["levels_missing"]
    assert found["severity"] == "high" and "rupture au niveau 5" in found["why"]


def test_the_map_of_a_radius_counts_the_unplaced_places_it_may_hold(client: TestClient) -> None:
    """The Lycée de Cahors has no coordinates: 10 km around Figeac, it may be inside as far as
    the data knows (the circle reaches into the Lot): counted and said, not drawn."""
    r = client.get("/map.geojson", params={"near": "Figeac", "radius_km": "10"})
    assert r.status_code == 200, r.text
    fc = r.json()
    assert {f["properties"]["id"] for f in fc["features"]} == {"lycee-figeac", "iut-figeac"}
    assert fc["unplaced"] == {"count": 1, "by_kind": {"lycee": 1}}
    assert fc["notice"] == (
        "Rayon de 10 km autour de Figeac : 1 lieu sans position dans les données, dans le "
        "département du Lot (46), n'est pas sur la carte et peut se trouver dans le rayon "
        "(à vérifier)."
    )
    # far from the Lot, the circle reaches no département of it: nothing to say
    far = client.get("/map.geojson", params={"near": "Toulon", "radius_km": "15"}).json()
    assert far["features"] == [] and far["unplaced"]["count"] == 0 and far["notice"] is None
    # a field of training on the map, as /gaps reads it
    ids = {
        f["properties"]["id"]
        for f in client.get("/map.geojson", params={"sector": "nsf-223"}).json()["features"]
    }
    assert ids == set()  # the only NSF 223 place has no coordinates
    by_field = client.get("/map.geojson", params={"sector": "nsf-251", "level": "6"}).json()
    assert [f["properties"]["id"] for f in by_field["features"]] == ["iut-figeac"]
