"""Authenticated edits on a real database of each engine: validation, all-or-nothing, change log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.store import GraphStore
from tests.conftest import MINI_SEEDS, make_settings
from tests.integration.test_loader import _snapshot

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SRC = "courrier du proviseur, 2026-11-20"


@pytest.fixture
def store(new_store: Callable[..., GraphStore]) -> GraphStore:
    s = new_store()
    load_seeds(s, load_seed_dir(MINI_SEEDS))
    return s


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path / "unused", api_tokens=f"alice:{TOKEN}")
    with TestClient(create_app(settings, store=store)) as c:
        yield c


def test_writes_need_a_valid_token(client: TestClient, store: GraphStore) -> None:
    before = _snapshot(store)
    body = {"id": "pme-x", "name": "PME X", "kind": "company", "source": SRC}
    assert client.post("/actors", json=body).status_code == 401
    bad = client.post("/actors", json=body, headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.headers["www-authenticate"] == "Bearer"
    assert client.get("/actors").status_code == 200  # reads stay public
    assert _snapshot(store) == before


def test_editing_is_disabled_without_tokens(store: GraphStore, tmp_path: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path / "u"), store=store)) as c:
        r = c.post(
            "/actors",
            json={"id": "x-y", "name": "X", "kind": "company", "source": SRC},
            headers=AUTH,
        )
        assert r.status_code == 403 and "CMQ_API_TOKENS" in r.json()["detail"]
    with TestClient(create_app(make_settings(tmp_path / "u", demo=True), store=store)) as c:
        r = c.post(
            "/actors",
            json={"id": "x-y", "name": "X", "kind": "company", "source": SRC},
            headers={"Authorization": "Bearer demo"},
        )
        assert r.status_code == 201 and r.json()["by"] == "demo"


def test_create_update_delete_an_actor_with_its_log(client: TestClient) -> None:
    body = {
        "id": "pme-x",
        "name": "PME Éole",
        "kind": "company",
        "site": "46102",
        "campus": "mini",
        "campus_role": "entreprise partenaire",
        "sectors": ["usinage"],
        "source": SRC,
    }
    r = client.post("/actors", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    a = client.get("/actors/pme-x").json()
    assert (a["commune"], a["departement"], a["campuses"]) == ("Figeac", "46", ["mini"])
    assert a["memberships"][0]["role"] == "entreprise partenaire"
    assert [s["id"] for s in a["sectors"]] == ["usinage"]
    assert client.get("/actors", params={"q": "eole"}).json()["items"][0]["id"] == "pme-x"
    assert client.post("/actors", json=body, headers=AUTH).status_code == 409
    r = client.patch(
        "/actors/pme-x", json={"site": "12089", "boarding_places": 0, "source": SRC}, headers=AUTH
    )
    assert r.status_code == 200, r.text
    a = client.get("/actors/pme-x").json()
    assert (a["commune"], a["boarding_places"]) == ("Decazeville", 0)
    assert client.delete("/actors/pme-x", params={"source": SRC}, headers=AUTH).status_code == 200
    assert client.get("/actors/pme-x").status_code == 404
    log = client.get("/changes", params={"target": "Actor:pme-x"}).json()
    assert [c["action"] for c in log["items"]] == ["delete", "update", "create"]
    assert {c["by"] for c in log["items"]} == {"alice"} and log["items"][2]["source"] == SRC
    assert log["items"][2]["payload"]["name"] == "PME Éole"


def test_invalid_edits_change_nothing(client: TestClient, store: GraphStore) -> None:
    before = _snapshot(store)
    cases = [
        (
            "post",
            "/actors",
            {"id": "x-1", "name": "X", "kind": "company", "site": "99999", "source": SRC},
            422,
            "site",
        ),
        (
            "post",
            "/actors",
            {"id": "x-1", "name": "X", "kind": "castle", "source": SRC},
            422,
            "kind",
        ),
        ("post", "/actors", {"id": "x-1", "name": "X", "kind": "company"}, 422, "source"),
        (
            "post",
            "/actors",
            {"id": "x-1", "name": "X", "kind": "company", "sectors": ["nope"], "source": SRC},
            422,
            "sectors",
        ),
        (
            "post",
            "/offers",
            {"actor": "iut-b", "diploma": "NOPE-1", "modality": "school", "source": SRC},
            422,
            "diploma",
        ),
        (
            "post",
            "/offers",
            {"actor": "lycee-a", "diploma": "40025005", "modality": "school", "source": SRC},
            409,
            None,
        ),
        (
            "post",
            "/passerelles",
            {"id": "p-x", "kind": "continuation", "from": ["T-LP"], "to": ["T-LP"], "source": SRC},
            422,
            None,
        ),
        (
            "post",
            "/passerelles",
            {
                "id": "p-bts-lp",
                "kind": "continuation",
                "from": ["T-LP"],
                "to": ["T-ING"],
                "source": SRC,
            },
            409,
            None,
        ),
        (
            "post",
            "/partnerships",
            {"a": "lycee-a", "b": "entreprise-d", "kind": "placements", "source": SRC},
            409,
            None,
        ),
        (
            "post",
            "/partnerships",
            {"a": "lycee-a", "b": "ghost", "kind": "research", "source": SRC},
            422,
            "b",
        ),
        ("patch", "/actors/iut-b", {"source": SRC}, 422, None),
        ("patch", "/actors/ghost", {"name": "G", "source": SRC}, 404, None),
    ]
    for method, path, body, status, fld in cases:
        r = getattr(client, method)(path, json=body, headers=AUTH)
        assert r.status_code == status, (path, body, r.text)
        if fld:
            assert fld in str(r.json()["detail"]), r.text
    assert (
        client.delete("/passerelles/ghost", params={"source": SRC}, headers=AUTH).status_code == 404
    )
    assert _snapshot(store) == before


def test_offer_passerelle_partnership_round_trip(client: TestClient) -> None:
    r = client.post(
        "/offers",
        json={
            "actor": "iut-b",
            "diploma": "32025002",
            "modality": "apprenticeship",
            "capacity": 12,
            "source": SRC,
        },
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    d = client.get("/diplomas/32025002").json()
    offer = next(o for o in d["offers"] if o["actor"] == "iut-b")
    assert (offer["commune"], offer["capacity"], offer["source"]) == ("Figeac", 12, SRC)
    # the new offer is used by pathways at once
    body = client.get(
        "/pathways", params={"from": "40025005", "to": "32025002", "departements": "46"}
    ).json()
    assert body["pathways"][0]["steps"][1]["offers"][0]["actor_id"] == "iut-b"

    r = client.post(
        "/passerelles",
        json={
            "id": "p-new",
            "kind": "reorientation",
            "from": ["T-LP"],
            "to": ["32025002"],
            "parties": ["iut-b"],
            "reserved_share": 0.1,
            "source": SRC,
        },
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    p = client.get("/passerelles/p-new").json()
    assert p["origin"] == "documented" and [a["id"] for a in p["party_actors"]] == ["iut-b"]
    assert any(n["passerelle"] == "p-new" for n in client.get("/diplomas/T-LP").json()["next"])

    r = client.post(
        "/partnerships",
        json={"a": "iut-b", "b": "entreprise-d", "kind": "research", "source": SRC},
        headers=AUTH,
    )
    assert r.status_code == 201
    assert "entreprise-d" in [x["id"] for x in client.get("/actors/iut-b").json()["partners"]]

    for path, params in [
        ("/offers", {"actor": "iut-b", "diploma": "32025002", "modality": "apprenticeship"}),
        ("/passerelles/p-new", {}),
        ("/partnerships", {"a": "entreprise-d", "b": "iut-b", "kind": "research"}),
    ]:
        r = client.delete(path, params={**params, "source": SRC}, headers=AUTH)
        assert r.status_code == 200, (path, r.text)
    assert not any(n["passerelle"] == "p-new" for n in client.get("/diplomas/T-LP").json()["next"])
    assert client.get("/changes").json()["total"] == 6


def test_edits_survive_a_seed_reload(client: TestClient, store: GraphStore) -> None:
    client.post(
        "/actors",
        json={"id": "pme-y", "name": "PME Y", "kind": "company", "site": "12089", "source": SRC},
        headers=AUTH,
    )
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    assert client.get("/actors/pme-y").status_code == 200
    assert client.get("/changes").json()["total"] == 1
