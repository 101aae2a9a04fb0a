"""/map.geojson's `around`: a radius centred on a place of the graph (an establishment, a
platform), which the notices name by its name and commune, never by its coordinates (the Carte
focused on a place said « autour de 44.560, 2.251 »), and which places a platform the web page
could not (a Carte focused on a platform loaded the whole country)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import StoreMaker, make_settings

SEEDS_FIGEAC = Path(__file__).resolve().parents[1] / "fixtures" / "seeds_other_field"

COORDS = re.compile(r"-?\d+\.\d{3}, -?\d+\.\d{3}")


def _map(client: TestClient, **params: str) -> dict[str, Any]:
    r = client.get("/map.geojson", params=params)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def figeac(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """tests/fixtures/seeds_other_field: the Lycée de Figeac placed, the Lycée de Cahors not."""
    store = session_stores()
    load_seeds(store, load_seed_dir(SEEDS_FIGEAC))
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("x")), store=store)) as c:
        yield c


def test_around_an_establishment_is_its_radius_named(figeac: TestClient) -> None:
    actor = figeac.get("/actors/lycee-figeac").json()
    by_place = _map(figeac, around="actor:lycee-figeac", radius_km="10")
    by_point = _map(figeac, near=f"{actor['lat']},{actor['lon']}", radius_km="10")
    # the same places as the radius around its coordinates
    assert [f["id"] for f in by_place["features"]] == [f["id"] for f in by_point["features"]]
    assert by_place["unplaced"] == by_point["unplaced"] == {"count": 1, "by_kind": {"lycee": 1}}
    # the notice: the place by its name (its commune already in it), where the coordinates'
    # one had numbers
    assert COORDS.search(by_point["notice"]), by_point["notice"]
    assert by_place["notice"] == (
        "Rayon de 10 km autour de Lycée de Figeac : 1 lieu sans position dans les données, dans "
        "le département du Lot (46), n'est pas sur la carte et peut se trouver dans le rayon "
        "(à vérifier)."
    )


def test_around_a_platform_places_it(seed_client: TestClient) -> None:
    fc = _map(seed_client, around="platform:pft-rascol", radius_km="50")
    ids = {f["id"] for f in fc["features"]}
    assert "platform:pft-rascol" in ids
    assert not COORDS.search(fc["notice"] or "")


def test_around_a_place_the_data_cannot_place_is_said(seed_client: TestClient) -> None:
    r = seed_client.get("/map.geojson", params={"around": "platform:pft-conpim", "radius_km": 50})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert "les données ne donnent pas la position de « PFT Conpim" in detail, detail
    r = seed_client.get("/map.geojson", params={"around": "platform:pas-une-pft", "radius_km": 50})
    assert r.status_code == 404, r.text
    assert r.json()["detail"].startswith("Plateforme inconnue"), r.text


def test_around_goes_with_a_radius_and_never_with_near(seed_client: TestClient) -> None:
    asked: list[dict[str, str]] = [
        {"around": "actor:lycee-la-decouverte-decazeville"},
        {"around": "actor:lycee-la-decouverte-decazeville", "near": "46102", "radius_km": "10"},
        {"around": "diploma:40025014", "radius_km": "10"},
    ]
    for params in asked:
        r = seed_client.get("/map.geojson", params=params)
        assert r.status_code == 422, (params, r.text)
