"""HTTP load test: the API under a realistic mix, driven from another process on loopback.

    .venv/bin/python bench/load.py [--national] [--workers 1,2] [--duration 20] [--max-requests N]

For each data set (``seed`` = ``seeds/``; with ``--national`` also ``national`` =
:func:`bench.synthetic.generate`, loaded without the loader's inferred passerelles as in
bench/pathways.py) this script:

1. starts an embedded FalkorDB in a temporary directory and loads the data (this process owns
   the database, so every uvicorn worker is an equal client of it, through its unix socket);
2. builds request pools from the graph itself (diploma codes that have passerelles, communes,
   campuses, départements, sectors) with a fixed random seed;
3. for each worker count, starts ``cmq serve --workers N`` (``python -m api.cli``) on a free
   127.0.0.1 port with ``CMQ_GRAPH_URI=unix://…`` and waits until every worker's pathway cache
   is filled (``/health``);
4. warms up and calibrates (every pathway candidate is sent once; those not answered 200 are
   dropped, so the timed phases measure answers, not validation errors), then runs, each bounded
   by ``--duration`` seconds AND ``--max-requests`` requests:
   - ``mix``: pathways 60 % (GET /pathways, some POST /pathways/search), gaps 5 % (/gaps),
     lists 25 % (/actors, /diplomas, /sites, /platforms, /passerelles, /campuses, /changes),
     GeoJSON 10 % (/map.geojson, /pathways.geojson);
   - ``pathways``: GET /pathways only;
   driven by a separate process (multiprocessing) with ``--concurrency`` threads, each holding
   one keep-alive ``http.client`` connection, in a closed loop.

Output: ONE JSON document on stdout (progress on stderr): per data set, worker count and phase,
requests, duration, requests/s, latency p50/p90/p99/max/mean (ms), statuses, errors (5xx and
transport failures) and the same per endpoint family; and whether the target (>= 200 pathway
requests/s on the seed data with zero errors) is met. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import multiprocessing as mp
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and the project importable
    sys.path.insert(0, str(ROOT))

import graph.ingest.seed_loader  # noqa: E402
from graph.engines.falkordb_store import FalkorDBStore  # noqa: E402
from graph.ingest.seed_loader import load_seeds  # noqa: E402
from graph.ingest.seeds import SeedSet, load_seed_dir  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.territory import ANYWHERE  # noqa: E402

TARGET_PATHWAY_RPS = 200
READY_S = 600  # a national pathway cache over Neo4j's driver, on a loaded machine, is slow
MIX = {"pathways": 0.60, "gaps": 0.05, "lists": 0.25, "geojson": 0.10}
# (family, method, path with query, JSON body or None)
Request = tuple[str, str, str, bytes | None]


def log(msg: str) -> None:
    print(f"[load] {msg}", file=sys.stderr, flush=True)


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


# -- data -----------------------------------------------------------------------------------


def load_data(name: str, store: FalkorDBStore) -> dict[str, Any]:
    t0 = time.perf_counter()
    seeds: SeedSet
    if name == "seed":
        seeds = load_seed_dir(ROOT / "seeds")
        load_seeds(store, seeds)
    else:
        from bench.synthetic import generate

        seeds = generate(1.0)
        # As bench/pathways.py "national": the generated passerelles only (the loader's
        # inference would add ~68 000 and take longer than this benchmark's budget).
        with mock.patch.object(graph.ingest.seed_loader, "infer_passerelles", return_value=[]):
            load_seeds(store, seeds)
    nodes = {r["label"]: r["count"] for r in store.read("health_counts")}
    rels = {r["type"]: r["count"] for r in store.read("relationship_counts")}
    return {
        "load_s": round(time.perf_counter() - t0, 2),
        "nodes": sum(nodes.values()),
        "relationships": sum(rels.values()),
        "by_label": nodes,
    }


def _q(path: str, params: dict[str, Any]) -> str:
    return path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")


def build_pools(store: FalkorDBStore, rng: random.Random) -> dict[str, list[Request]]:
    """Candidate requests per family, drawn from the loaded graph."""
    legs = store.read("gaps_leads_to", codes=None)
    diplomas = {r["code"] for r in store.read("diplomas_index")}
    starts = sorted({r["source"] for r in legs} & diplomas)
    offers = store.read("gaps_offers", codes=None, **ANYWHERE.query_params())
    level = {r["diploma"]["code"]: r["diploma"]["level"] for r in offers}
    depts_of: dict[str, set[str]] = defaultdict(set)
    for r in offers:
        if r["offer"].get("departement"):
            depts_of[r["diploma"]["code"]].add(r["offer"]["departement"])
    campuses = [r["campus"]["id"] for r in store.read("campuses_list")]
    sites = store.read(
        "sites_list", departement=None, campus=None, q=None, words=[], skip=0, limit=500
    )
    insee = [i["insee"] for i in sites[0]["items"] if i["lat"] is not None] if sites else []
    depts = sorted({d for ds in depts_of.values() for d in ds})
    sectors = [r["sector"]["id"] for r in store.read("gaps_sectors")]

    pathways: list[dict[str, Any]] = []
    for code in rng.sample(starts, min(len(starts), 120)):
        q: dict[str, Any] = {"from": code}
        lv = level.get(code) or 4
        goal = rng.random()
        if goal < 0.5:
            q["to_level"] = min(lv + rng.choice((1, 2)), 8)
        elif goal < 0.75:
            q["to_type"] = rng.choice(["bts", "licence_pro", "but", "bac_pro"])
        else:
            q["to_level"] = min(lv + 1, 8)
        terr = rng.random()
        if terr < 0.4 and depts_of.get(code):
            q["departements"] = ",".join(sorted(depts_of[code])[:3])
        elif terr < 0.6 and insee:
            q["near"], q["radius_km"] = rng.choice(insee), rng.choice((30, 60, 100))
        if insee and rng.random() < 0.5:
            q["home"] = rng.choice(insee)
        pathways.append(q)

    pools: dict[str, list[Request]] = {"pathways": [], "gaps": [], "lists": [], "geojson": []}
    for q in pathways:
        pools["pathways"].append(("pathways", "GET", _q("/pathways", q), None))
    for q in pathways[: len(pathways) // 4]:
        pools["pathways"].append(("pathways", "POST", "/pathways/search", json.dumps(q).encode()))
    for q in pathways[: len(pathways) // 3]:
        pools["geojson"].append(("geojson", "GET", _q("/pathways.geojson", q), None))
    for c in campuses:
        pools["gaps"].append(("gaps", "GET", _q("/gaps", {"campus": c}), None))
        pools["geojson"].append(("geojson", "GET", _q("/map.geojson", {"campus": c}), None))
        pools["lists"].append(("lists", "GET", _q("/actors", {"campus": c, "limit": 50}), None))
        pools["lists"].append(("lists", "GET", _q("/passerelles", {"campus": c}), None))
        pools["lists"].append(("lists", "GET", _q("/diplomas", {"campus": c}), None))
    for d in depts[:20]:
        pools["gaps"].append(("gaps", "GET", _q("/gaps", {"departements": d}), None))
        pools["geojson"].append(("geojson", "GET", _q("/map.geojson", {"departement": d}), None))
        pools["lists"].append(("lists", "GET", _q("/sites", {"departement": d}), None))
    for text in ("lycee", "cfa", "universite", "meca", "agri", "sante"):
        pools["lists"].append(("lists", "GET", _q("/actors", {"q": text}), None))
        pools["lists"].append(("lists", "GET", _q("/diplomas", {"q": text}), None))
    for lv in range(3, 8):
        pools["lists"].append(("lists", "GET", _q("/diplomas", {"level": lv}), None))
    for s in sectors[:10]:
        pools["lists"].append(("lists", "GET", _q("/platforms", {"q": s[:6]}), None))
    for path in ("/campuses", "/platforms", "/changes", "/sites", "/passerelles"):
        pools["lists"].append(("lists", "GET", path, None))
    return {k: v for k, v in pools.items() if v}


def sequence(
    pools: dict[str, list[Request]], weights: dict[str, float], n: int, seed: int
) -> list[Request]:
    rng = random.Random(seed)
    fams = [f for f in weights if f in pools]
    return [
        rng.choice(pools[f]) for f in rng.choices(fams, weights=[weights[f] for f in fams], k=n)
    ]


# -- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def graph_env(store: Any) -> dict[str, str]:
    """The settings that point ``cmq serve`` at the database ``store`` uses: the embedded
    FalkorDB's unix socket, or the Neo4j server's Bolt address (bench/engines.py)."""
    if store.engine == "neo4j":
        return {"CMQ_GRAPH_URI": store.settings.graph_uri}
    assert store.server is not None
    return {"CMQ_GRAPH_URI": f"unix://{store.server.socket}", "CMQ_GRAPH_NAME": store.graph_name}


@contextlib.contextmanager
def uvicorn_server(store: Any, workdir: Path, workers: int) -> Iterator[int]:
    port = free_port()
    env = dict(os.environ, **graph_env(store), CMQ_DATA_DIR=str(workdir / "unused"))
    # The product's own server command, as shipped (its access log included).
    cmd = [
        sys.executable, "-m", "api.cli", "serve",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip
    logfile = workdir / f"uvicorn-{port}.log"
    with logfile.open("wb") as errlog:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=errlog, stderr=errlog)
        try:
            deadline = time.monotonic() + READY_S
            ready = 0
            # Several answers in a row that say the pathway cache is filled (each worker
            # preloads its own at start): every worker is probably up and warm.
            while ready < 3 * workers:
                if proc.poll() is not None:
                    raise RuntimeError(f"uvicorn exited: {logfile.read_text()[-2000:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"uvicorn not ready (/health, pathway cache) in {READY_S} s")
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/health")
                    resp = conn.getresponse()
                    cache = (json.loads(resp.read()).get("pathway_cache") or {}).get("state")
                    ok = resp.status == 200 and cache in ("ready", "off")
                    ready = ready + 1 if ok else 0
                    conn.close()
                    if not ok:
                        time.sleep(0.1)
                except OSError:
                    time.sleep(0.1)
            yield port
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


# -- the client process ---------------------------------------------------------------------


def _drive(port: int, reqs: list[Request], duration: float, max_requests: int,
           concurrency: int, out: Any) -> None:  # fmt: skip
    """Runs in its own process: closed-loop keep-alive clients; sends back the samples."""
    lock = threading.Lock()
    counter = iter(range(max_requests))
    samples: list[tuple[str, int, float]] = []  # (family, status or -1, seconds)
    start = time.perf_counter()
    stop_at = start + duration

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local: list[tuple[str, int, float]] = []
        i = offset
        while time.perf_counter() < stop_at:
            with lock:
                if next(counter, None) is None:
                    break
            family, method, path, body = reqs[i % len(reqs)]
            i += 1
            headers = {"Content-Type": "application/json"} if body else {}
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except TimeoutError:
                status = -2  # no answer within the client's 30 s
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except (OSError, http.client.HTTPException):
                status = -1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            local.append((family, status, time.perf_counter() - t0))
        conn.close()
        with lock:
            samples.extend(local)

    step = max(1, len(reqs) // concurrency)
    threads = [threading.Thread(target=worker, args=(k * step,)) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.send((samples, time.perf_counter() - start))
    out.close()


def drive(port: int, reqs: list[Request], duration: float, max_requests: int,
          concurrency: int) -> tuple[list[tuple[str, int, float]], float]:  # fmt: skip
    ctx = mp.get_context("spawn")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_drive, args=(port, reqs, duration, max_requests, concurrency, send))
    proc.start()
    send.close()
    samples, elapsed = recv.recv()
    proc.join(timeout=30)
    return samples, elapsed


def _stats(samples: list[tuple[str, int, float]], elapsed: float) -> dict[str, Any]:
    lat = sorted(s[2] * 1000 for s in samples)
    statuses = Counter(s[1] for s in samples)
    errors = sum(n for st, n in statuses.items() if st < 0 or st >= 500)
    return {
        "requests": len(samples),
        "rps": round(len(samples) / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {
            "p50": round(percentile(lat, 50), 2),
            "p90": round(percentile(lat, 90), 2),
            "p99": round(percentile(lat, 99), 2),
            "max": round(lat[-1], 2) if lat else None,
            "mean": round(sum(lat) / len(lat), 2) if lat else None,
        },
        "statuses": {
            {-1: "transport_error", -2: "client_timeout_30s"}.get(k, str(k)): v
            for k, v in sorted(statuses.items())
        },
        "errors": errors,
    }


def report(samples: list[tuple[str, int, float]], elapsed: float) -> dict[str, Any]:
    out = _stats(samples, elapsed)
    out["duration_s"] = round(elapsed, 2)
    by: dict[str, list[tuple[str, int, float]]] = defaultdict(list)
    for s in samples:
        by[s[0]].append(s)
    out["by_family"] = {f: _stats(v, elapsed) for f, v in sorted(by.items())}
    return out


def calibrate(
    port: int, pools: dict[str, list[Request]], budget_s: float
) -> tuple[dict[str, list[Request]], dict[str, Any]]:
    """Send candidates once, families in turn, for at most ``budget_s``; keep the requests
    answered 200 (this also warms the server). Candidates not sent in time are dropped."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    kept: dict[str, list[Request]] = {fam: [] for fam in pools}
    dropped: Counter[str] = Counter()
    deadline = time.monotonic() + budget_s
    # Cheap families first: a national gap report alone takes tens of seconds.
    order = sorted(pools, key=lambda f: f == "gaps")
    queues = {fam: list(pools[fam]) for fam in order}
    while any(queues.values()):
        for fam, queue in queues.items():
            if fam == "gaps" and any(q for f, q in queues.items() if f != "gaps"):
                continue
            if not queue:
                continue
            r = queue.pop(0)
            if time.monotonic() > deadline:
                dropped[f"{fam}:untested"] += 1
                continue
            _, method, path, body = r
            headers = {"Content-Type": "application/json"} if body else {}
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            if resp.status == 200:
                kept[fam].append(r)
            else:
                dropped[f"{fam}:{resp.status}"] += 1
    conn.close()
    kept = {k: v for k, v in kept.items() if v}
    return kept, {"kept": {k: len(v) for k, v in kept.items()}, "dropped": dict(dropped)}


# -- main -----------------------------------------------------------------------------------


def run_dataset(name: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"cmq-load-{name}-") as tmp:
        work = Path(tmp)
        store = FalkorDBStore(Settings(graph_uri="embedded", data_dir=work / "db"))
        try:
            log(f"{name}: loading")
            info = load_data(name, store)
            log(f"{name}: {info['nodes']} nodes, {info['relationships']} rels, {info['load_s']} s")
            pools = build_pools(store, random.Random(args.seed))
            runs = []
            for workers in args.workers:
                with uvicorn_server(store, work, workers) as port:
                    usable, cal = calibrate(port, pools, args.calibration_s)
                    log(f"{name} w={workers}: calibration {cal}")
                    mix = sequence(usable, MIX, 4000, args.seed)
                    only = sequence(usable, {"pathways": 1.0}, 4000, args.seed)
                    only = [r for r in only if r[1] == "GET"] or only
                    drive(port, mix, args.warmup, 10**9, args.concurrency)  # warm-up
                    for phase, reqs in (("mix", mix), ("pathways", only)):
                        samples, elapsed = drive(
                            port, reqs, args.duration, args.max_requests, args.concurrency
                        )
                        r = report(samples, elapsed)
                        log(f"{name} w={workers} {phase}: {r['requests']} req, {r['rps']} rps, "
                            f"p50 {r['latency_ms']['p50']} ms, p99 {r['latency_ms']['p99']} ms, "
                            f"errors {r['errors']}")  # fmt: skip
                        runs.append({"workers": workers, "phase": phase, **r})
                runs[-1]["calibration"] = cal
            return {"dataset": name, **info, "runs": runs}
        finally:
            store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--national", action="store_true", help="also the national-size graph")
    ap.add_argument("--only-national", action="store_true", help="skip the seed data")
    ap.add_argument("--workers", default="1,2", help="uvicorn worker counts, e.g. 1,2")
    ap.add_argument("--duration", type=float, default=20.0, help="seconds per timed phase")
    ap.add_argument("--max-requests", type=int, default=50_000, help="requests per phase, at most")
    ap.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per server")
    ap.add_argument("--concurrency", type=int, default=8, help="client connections")
    ap.add_argument(
        "--calibration-s", type=float, default=90.0, help="seconds to try the candidates"
    )
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    args.workers = [int(w) for w in args.workers.split(",")]
    if not (0 < args.duration <= 300 and 0 < args.max_requests <= 1_000_000):
        ap.error("--duration is at most 300 s and --max-requests at most 1 000 000")
    names = ([] if args.only_national else ["seed"]) + (
        ["national"] if args.national or args.only_national else []
    )
    started = time.time()
    datasets = [run_dataset(n, args) for n in names]
    seed_pathways = [
        r for d in datasets if d["dataset"] == "seed" for r in d["runs"] if r["phase"] == "pathways"
    ]
    best = max(seed_pathways, key=lambda r: r["rps"], default=None)
    doc = {
        "benchmark": "bench/load.py",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {
            "duration_s": args.duration,
            "max_requests": args.max_requests,
            "concurrency": args.concurrency,
            "warmup_s": args.warmup,
            "mix": MIX,
            "workers": args.workers,
        },
        "datasets": datasets,
        "target": {
            "pathway_rps_on_seed": TARGET_PATHWAY_RPS,
            "best_seed_pathway_rps": best["rps"] if best else None,
            "best_with_workers": best["workers"] if best else None,
            "met": bool(best and best["rps"] >= TARGET_PATHWAY_RPS and best["errors"] == 0),
        },
        "wall_s": round(time.time() - started, 1),
    }
    json.dump(doc, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
