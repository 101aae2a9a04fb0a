"""Defects found by a hostile test of the running product (issue "Hardening, round two"), each
reproduced on the real embedded database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import MINI_SEEDS, make_settings
from tests.integration.test_loader import _snapshot

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SRC = "courrier du proviseur, 2026-11-20"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[FalkorDBStore]:
    s = FalkorDBStore(make_settings(tmp_path / "db"))
    load_seeds(s, load_seed_dir(MINI_SEEDS))
    yield s
    s.close()


@pytest.fixture
def client(store: FalkorDBStore, tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path / "unused", api_tokens=f"alice:{TOKEN}")
    with TestClient(create_app(settings, store=store)) as c:
        yield c


def _an_actor(client: TestClient) -> dict:
    actor = client.get("/actors").json()["items"][0]
    return client.get(f"/actors/{actor['id']}").json()


@pytest.mark.parametrize("field", ["name", "kind"])
def test_a_patch_cannot_remove_a_required_field(
    client: TestClient, store: FalkorDBStore, field: str
) -> None:
    actor = _an_actor(client)
    before = _snapshot(store)
    r = client.patch(f"/actors/{actor['id']}", json={field: None, "source": SRC}, headers=AUTH)
    assert r.status_code == 422, r.text
    assert _snapshot(store) == before
    assert client.get("/actors").status_code == 200
    assert client.get(f"/actors/{actor['id']}").status_code == 200
    for campus in actor["campuses"]:
        assert client.get(f"/campuses/{campus}").status_code == 200


def test_a_patch_may_clear_an_optional_field(client: TestClient) -> None:
    actor = _an_actor(client)
    r = client.patch(
        f"/actors/{actor['id']}", json={"description": None, "source": SRC}, headers=AUTH
    )
    assert r.status_code == 200, r.text
    after = client.get(f"/actors/{actor['id']}")
    assert after.status_code == 200 and after.json()["description"] is None
    assert client.get("/actors").status_code == 200
