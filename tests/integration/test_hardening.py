"""Defects found by a hostile test of the running product (issue "Hardening, round two"), each
reproduced on the real embedded database."""

from __future__ import annotations

import csv
import doctest
import http.client
import io
import os
import signal
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

import api.limits
from api.limits import TokenBuckets
from api.main import create_app
from graph.csv_cells import safe_cell
from graph.engines.falkordb_server import EmbeddedFalkorDB
from graph.engines.falkordb_store import FalkorDBStore
from graph.errors import DatabaseUnavailable
from graph.gaps.cache import cached_answer
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
    assert ("post", "/v1/pathways/search") in routes and len(routes) >= 6
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
    # the API documentation page too: its files and script come from this origin
    docs = mini_client.get("/docs").headers["content-security-policy"]
    assert "script-src 'self';" in docs and "frame-ancestors 'none'" in docs


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
            # Headers that never end are bounded in size too (16 KB): a 400, then closed.
            big = connect()
            big.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000)
            big.settimeout(10)
            assert big.recv(4096).startswith(b"HTTP/1.1 400 ")
            assert _closed_after(big, 6) is not None
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


# --- cost limits --------------------------------------------------------------------------------


def test_one_computation_per_key_at_a_time(store: FalkorDBStore) -> None:
    calls: list[int] = []

    def compute() -> dict:
        calls.append(1)
        time.sleep(0.3)
        return {"answer": len(calls)}

    answers = _together(12, lambda _: cached_answer(store, ("single-flight", 1), compute))
    assert len(calls) == 1 and all(a is answers[0] for a in answers)
    others = _together(4, lambda i: cached_answer(store, ("single-flight", 2 + i), compute))
    assert len(calls) == 5 and len({id(a) for a in others}) == 4


def test_edits_waiting_on_the_lock_do_not_starve_health(
    store: FalkorDBStore, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path / "u", api_tokens=f"alice:{TOKEN}")
    release = threading.Event()
    held = threading.Event()

    def hold_the_lock() -> None:
        with store.exclusive():
            held.set()
            release.wait(20)

    with TestClient(create_app(settings, store=store)) as client:
        holder = threading.Thread(target=hold_the_lock)
        holder.start()
        held.wait(10)
        with ThreadPoolExecutor(45) as pool:
            body = {"actor": "iut-b", "diploma": "T-ING", "modality": "school", "source": SRC}
            edits = [
                pool.submit(lambda: client.post("/offers", json=body, headers=AUTH).status_code)
                for _ in range(45)
            ]
            time.sleep(1.0)  # the 45 edits are queued behind the lock
            t0 = time.monotonic()
            assert client.get("/health").status_code == 200
            assert client.get("/campuses").status_code == 200
            took = time.monotonic() - t0
            release.set()
            codes = sorted(f.result() for f in edits)
        holder.join()
    assert took < 2.0, f"/health and /campuses took {took:.1f} s behind 45 waiting edits"
    assert codes == [201] + [409] * 44


def test_rate_limit_for_anonymous_costly_requests(store: FalkorDBStore, tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path / "u", api_tokens=f"alice:{TOKEN}", rate_limit_per_minute=6, rate_limit_burst=3
    )
    # one token every 10 s: the four reports below (about a second each on a loaded machine) all
    # fall within one refill, so the fourth is refused whatever the load
    with TestClient(create_app(settings, store=store)) as client:
        gaps = [client.get("/gaps", params={"campus": "mini"}) for _ in range(4)]
        assert [r.status_code for r in gaps] == [200, 200, 200, 429]
        assert int(gaps[-1].headers["retry-after"]) >= 1 and "Trop de" in gaps[-1].json()["detail"]
        assert client.get("/pathways", params={"from": "40025005"}).status_code == 429
        assert client.get("/campuses").status_code == 200  # cheap reads are not limited
        assert client.get("/health").status_code == 200
        authorised = client.get("/gaps", params={"campus": "mini"}, headers=AUTH)
        assert authorised.status_code == 200
        time.sleep(10.1)  # one token every 10 s
        assert client.get("/gaps", params={"campus": "mini"}).status_code == 200


def test_token_buckets() -> None:
    assert doctest.testmod(api.limits).failed == 0
    buckets = TokenBuckets(rate=1.0, burst=1, max_keys=3)
    for i in range(10):
        buckets.take(f"client-{i}", now=0.0)
    assert len(buckets._buckets) == 3  # bounded memory


# --- editing rights per campus ------------------------------------------------------------------

BOB = {"Authorization": "Bearer bob-token-for-mini-only"}
CAROL = {"Authorization": "Bearer carol-token-elsewhere"}


@pytest.fixture
def scoped(store: FalkorDBStore, tmp_path: Path) -> Iterator[TestClient]:
    tokens = f"alice:{TOKEN},bob:bob-token-for-mini-only:mini,carol:carol-token-elsewhere:autre|x1"
    with TestClient(create_app(make_settings(tmp_path / "u", api_tokens=tokens), store=store)) as c:
        yield c


def test_a_token_limited_to_other_campuses_cannot_edit(
    scoped: TestClient, store: FalkorDBStore
) -> None:
    before = _snapshot(store)
    attempts: list[tuple[str, str, dict[str, Any]]] = [
        ("post", "/actors", {"id": "pme-x", "name": "PME X", "kind": "company", "campus": "mini"}),
        ("post", "/actors", {"id": "pme-y", "name": "PME Y", "kind": "company"}),
        ("patch", "/actors/iut-b", {"description": "Changée"}),
        ("post", "/offers", {"actor": "iut-b", "diploma": "T-ING", "modality": "school"}),
        ("post", "/partnerships", {"a": "iut-b", "b": "ecole-c", "kind": "research"}),
        (
            "post",
            "/passerelles",
            {"id": "p-x", "kind": "reorientation", "from": ["T-LP"], "to": ["T-ING"]},
        ),
    ]
    for method, path, body in attempts:
        r = scoped.request(method, path, json={**body, "source": SRC}, headers=CAROL)
        assert r.status_code == 403, (method, path, r.text)
        assert "autre" in r.json()["detail"]
    for path, params in [
        ("/actors/iut-b", {}),
        ("/passerelles/p-bts-lp", {}),
        ("/offers", {"actor": "lycee-a", "diploma": "40025005", "modality": "school"}),
    ]:
        r = scoped.delete(path, params={**params, "source": SRC}, headers=CAROL)
        assert r.status_code == 403, (path, r.text)
    assert _snapshot(store) == before


def test_a_token_limited_to_a_campus_edits_it(scoped: TestClient) -> None:
    r = scoped.patch("/actors/iut-b", json={"description": "Changée", "source": SRC}, headers=BOB)
    assert r.status_code == 200 and r.json()["by"] == "bob"
    body = {"id": "pme-x", "name": "PME X", "kind": "company", "campus": "mini", "source": SRC}
    assert scoped.post("/actors", json=body, headers=BOB).status_code == 201
    assert scoped.get("/actors/pme-x").json()["campuses"] == ["mini"]
    alice = scoped.patch(
        "/actors/iut-b", json={"url": "https://x.example", "source": SRC}, headers=AUTH
    )
    assert alice.status_code == 200  # a token without campuses edits everything


@pytest.mark.parametrize(
    "tokens",
    ["bob:short:mini", "bob:bob-token-for-mini-only:", "bob:bob-token-for-mini-only:Mini!"],
)
def test_malformed_scoped_tokens_are_refused(tokens: str) -> None:
    if tokens.endswith(":"):
        assert Settings(api_tokens=tokens).editors()["bob-token-for-mini-only"].campuses is None
        return
    with pytest.raises(ValueError, match="CMQ_API_TOKENS"):
        Settings(api_tokens=tokens)


def test_map_geojson_carries_codes_to_join_other_datasets(seed_client: TestClient) -> None:
    features = seed_client.get("/map.geojson").json()["features"]
    props = [f["properties"] for f in features]
    assert all({"uai", "siret", "insee"} <= set(p) for p in props)
    assert any(p["uai"] for p in props) and any(p["insee"] for p in props)


# --- an API for map clients ---------------------------------------------------------------------


def test_etag_from_the_graph_version(client: TestClient) -> None:
    first = client.get("/actors/iut-b")
    tag = first.headers["etag"]
    again = client.get("/actors/iut-b", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert client.get("/actors/lycee-a").headers["etag"] != tag  # another request, another tag
    assert "etag" not in client.get("/health").headers
    r = client.patch("/actors/iut-b", json={"description": "Neuve", "source": SRC}, headers=AUTH)
    assert r.status_code == 200
    after = client.get("/actors/iut-b", headers={"If-None-Match": tag})
    assert after.status_code == 200 and after.json()["description"] == "Neuve"
    assert after.headers["etag"] != tag


def test_gzip_and_cors_for_reads(store: FalkorDBStore, tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "u", cors_origins="https://carte.example.org")
    with TestClient(create_app(settings, store=store)) as c:
        r = c.get("/map.geojson", headers={"Accept-Encoding": "gzip"})
        assert r.headers["content-encoding"] == "gzip" and r.json()["features"]
        origin = {"Origin": "https://carte.example.org"}
        r = c.get("/campuses", headers=origin)
        assert r.headers["access-control-allow-origin"] == "https://carte.example.org"
        assert "etag" in r.headers["access-control-expose-headers"].lower()
        other = c.get("/campuses", headers={"Origin": "https://ailleurs.example"})
        assert "access-control-allow-origin" not in other.headers
        pre = c.options(
            "/actors", headers={**origin, "Access-Control-Request-Method": "POST"}
        )  # edits stay same-origin
        assert pre.status_code == 400
        pre = c.options("/campuses", headers={**origin, "Access-Control-Request-Method": "GET"})
        assert pre.status_code == 200
    with TestClient(create_app(make_settings(tmp_path / "v"), store=store)) as c:
        r = c.get("/campuses", headers={"Origin": "https://carte.example.org"})
        assert "access-control-allow-origin" not in r.headers  # no origin configured


def test_stable_operation_ids(mini_client: TestClient) -> None:
    spec = mini_client.get("/openapi.json").json()
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    assert spec["paths"]["/v1/pathways.geojson"]["get"]["operationId"] == "get_pathways_geojson"
    assert spec["paths"]["/v1/gaps"]["get"]["operationId"] == "get_gaps"


def test_every_parameter_is_described(mini_client: TestClient) -> None:
    spec = mini_client.get("/openapi.json").json()
    params = [
        (method, path, p["name"])
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        for p in op.get("parameters", [])
        if not p.get("description")
    ]
    assert params == []


# --- one error format ----------------------------------------------------------------------------


def test_every_error_is_a_problem_document(client: TestClient) -> None:
    cases = [
        client.get("/actors/inconnu-x"),
        client.get("/pathways", params={"from_level": "x"}),
        client.put("/actors"),
        client.post("/actors", json={"id": "x-y", "name": "x" * 300_000, "kind": "company"}),
        client.post("/actors", json={"id": "x-y", "name": "X", "kind": "company", "source": SRC}),
        client.post(
            "/actors",
            json={"id": "iut-b", "name": "X", "kind": "company", "source": SRC},
            headers=AUTH,
        ),
        client.get("/nulle-part"),
    ]
    assert [r.status_code for r in cases] == [404, 422, 405, 413, 401, 409, 404]
    for r in cases:
        body = r.json()
        assert r.headers["content-type"].startswith("application/problem+json"), r.text
        assert {"type", "title", "status", "detail", "code"} <= set(body), body
        assert body["status"] == r.status_code and body["type"].endswith(body["code"])
        assert not any(w in body["detail"] for w in ("No ", "Not Found", "Method", "already")), body
    assert cases[0].json()["detail"] == "Acteur inconnu : inconnu-x."
    assert cases[1].json()["errors"][0]["loc"] == ["query", "from_level"]
    assert "from_level" in cases[1].json()["detail"]


def test_every_route_declares_the_problem_format(mini_client: TestClient) -> None:
    spec = mini_client.get("/openapi.json").json()
    assert "Problem" in spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            errors = {s: r for s, r in op["responses"].items() if int(s) >= 400}
            assert {"400", "413", "500", "503"} <= set(errors), (method, path)
            for status, response in errors.items():
                if (path, status) == ("/v1/health", "503"):
                    continue  # its own status document
                schema = response["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, (method, path, status)


def test_v1_prefix_with_the_old_paths_as_aliases(mini_client: TestClient) -> None:
    spec = mini_client.get("/openapi.json").json()
    assert spec["paths"] and all(p.startswith("/v1/") for p in spec["paths"])
    for path in ("/campuses", "/actors/iut-b", "/map.geojson", "/health"):
        versioned, alias = mini_client.get("/v1" + path), mini_client.get(path)
        assert versioned.status_code == alias.status_code == 200
        assert versioned.json() == alias.json() or path == "/health"
    assert mini_client.put("/v1/actors").headers["allow"] == "GET, POST"


def test_sigterm_stops_the_database_cmq_serve_started(tmp_path: Path) -> None:
    """tester24: `cmq serve` (snapshot on: it starts the embedded database itself, before its
    workers) stopped on SIGTERM and left its database running, orphaned: uvicorn raises the
    signal again once it has returned, which killed the process before it stopped the
    database. The database it started is stopped with it."""
    proc, _ = _serving(tmp_path, CMQ_PATHWAY_PRELOAD="1", CMQ_PATHWAY_SNAPSHOT="1")
    pid = int((tmp_path / "db" / "falkordb.pid").read_text())
    os.kill(pid, 0)  # running
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=120)
    assert proc.returncode == 0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}"):
        time.sleep(0.1)
    assert not os.path.exists(f"/proc/{pid}"), "the database outlived cmq serve"
