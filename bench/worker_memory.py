"""Resident memory of one uvicorn worker at national size, step by step (one JSON on stdout).

    .venv/bin/python bench/worker_memory.py [--dataset synthetic|files] [--opendata DIR]
        [--root DIR ...] [--rounds 1]

The graph (``synthetic``: :func:`bench.synthetic.generate` at scale 1, loaded as
``bench/pathways.py`` loads it; ``files``: the seed files then ``cmq import opendata DIR``) is
loaded once into an embedded FalkorDB; then, for each ``--root`` (a checkout of the project: by
default this one; give another one, e.g. ``git archive main``'s, for an A/B in the same
minute), a uvicorn worker is started from that checkout on the same database and the resident
size of the worker (VmRSS) is read:

- ``ready``: its start-up warm-ups done (the pathway preload, then the map's first view);
- ``after_pathways``: ``bench/pathways.py``'s ten questions asked three times each (the
  SHA-256 of each first answer in ``pathway_sha256``: the same from every root);
- ``after_map``: the map's first view (``/map.geojson``, gzip) asked by a browser;
- ``after_gaps``: the gap reports of three campuses (the largest by offers, the first and the
  middle one by id) and of two pairs of départements, each asked once (``/gaps``), then once
  more (from the answer cache); ``after_each_gap`` gives the size after each first asking.

The process waits until the worker is idle (less than 5 % of a core) before each reading. Each
gap report's wall and worker CPU milliseconds (and its forked child's, graph/gaps/forked.py),
and the SHA-256 of each body (the answers must be the same from every root), are given too.
``--rounds N`` alternates the roots N times.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.nx_pathways import NxPathways  # noqa: E402
from bench.pathways import (  # noqa: E402
    SERVER_PID,
    build_queries,
    cpu_s,
    http_params,
    load,
    log,
    open_store,
    pick_starts,
    rss_mb,
    uvicorn_server,
    wait_quiet,
)
from bench.synthetic import generate  # noqa: E402
from graph.engines.falkordb_store import FalkorDBStore  # noqa: E402
from graph.ingest.opendata import run_import  # noqa: E402
from graph.ingest.seed_loader import load_seeds  # noqa: E402
from graph.ingest.seeds import SeedSet, load_seed_dir  # noqa: E402
from graph.territory import Territory  # noqa: E402


def children_cpu_s(pid: int) -> float:
    """The CPU time of a process's children that it has waited for (cutime + cstime, /proc):
    the gap reports computed in a forked child (graph/gaps/forked.py)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def gap_cases(store: FalkorDBStore) -> list[dict[str, str]]:
    """Three campuses (the largest by offers, the first and the middle one by id) and two
    pairs of départements (the two with the most offers; the first two by code)."""
    campuses = sorted(c["id"] for c in store.read("gaps_campuses"))
    sizes = {
        c: len(store.read("gaps_offers", codes=None, **Territory(campus=c).query_params()))
        for c in campuses
    }
    largest = max(campuses, key=lambda c: sizes[c])
    chosen = list(dict.fromkeys([largest, campuses[0], campuses[len(campuses) // 2]]))
    depts: dict[str, int] = {}
    for r in store.read("map_points", **Territory().query_params()):
        if r["departement"]:
            depts[r["departement"]] = depts.get(r["departement"], 0) + (r["offers"] or 0)
    codes = sorted(depts)
    busiest = sorted(sorted(depts, key=lambda d: -depts[d])[:2])
    pairs = list(dict.fromkeys([",".join(busiest), ",".join(codes[:2])]))
    return [{"campus": c} for c in chosen] + [{"departements": p} for p in pairs]


def one_worker(
    store: FalkorDBStore,
    workdir: Path,
    root: Path,
    queries: list[dict[str, Any]],
    cases: list[dict[str, str]],
) -> dict[str, Any]:
    assert store.server is not None
    falkordb_pid = int(store.server.pid_file.read_text().strip())
    out: dict[str, Any] = {"root": str(root), "loadavg_start": os.getloadavg()[0]}
    with uvicorn_server(store, workdir, root=root) as base:
        pid = SERVER_PID[base]

        def quiet_rss() -> float | None:
            wait_quiet([pid, falkordb_pid])
            return rss_mb(pid)

        def get(path: str, params: dict[str, Any], headers: dict[str, str] | None = None) -> bytes:
            url = f"{base}{path}?{urllib.parse.urlencode(params)}"
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
                if r.status != 200:
                    raise RuntimeError(f"HTTP {r.status} {url}")
                return r.read()

        out["ready_mb"] = quiet_rss()
        answers: dict[str, str] = {}
        for _ in range(3):
            for q in queries:
                body = get("/pathways", http_params(q))
                answers.setdefault(q["_id"], hashlib.sha256(body).hexdigest())
        out["after_pathways_mb"] = quiet_rss()
        out["pathway_sha256"] = answers
        get("/map.geojson", {}, {"Accept-Encoding": "gzip"})
        out["after_map_mb"] = quiet_rss()
        each, reports = [], []
        for params in cases:
            c0, k0, t0 = cpu_s(pid), children_cpu_s(pid), time.perf_counter()
            body = get("/gaps", params)
            wall = (time.perf_counter() - t0) * 1000
            cpu = (cpu_s(pid) - c0) * 1000
            child = (children_cpu_s(pid) - k0) * 1000
            again = get("/gaps", params)
            assert again == body, params
            each.append(quiet_rss())
            reports.append(
                {
                    "params": params,
                    "wall_ms": round(wall, 1),
                    "worker_cpu_ms": round(cpu, 1),
                    "child_cpu_ms": round(child, 1),
                    "bytes": len(body),
                    "sha256": hashlib.sha256(body).hexdigest(),
                }
            )
        out["after_each_gap_mb"] = each
        out["after_gaps_mb"] = quiet_rss()
        out["gap_reports"] = reports
    out["loadavg_end"] = os.getloadavg()[0]
    return out


def build(dataset: str, store: FalkorDBStore, opendata: Path | None) -> SeedSet:
    if dataset == "synthetic":
        seeds = generate(1.0, 7)
        load(store, seeds, inferred=False)
        return seeds
    assert opendata is not None, "--opendata DIR for the national files"
    seeds = load_seed_dir(ROOT / "seeds")
    load_seeds(store, seeds)
    run_import(store, opendata)
    return seeds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", choices=("synthetic", "files"), default="synthetic")
    ap.add_argument("--opendata", type=Path, help="the national files (with --dataset files)")
    ap.add_argument("--root", type=Path, action="append", help="a checkout to run the worker")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    roots = [r.resolve() for r in (args.root or [ROOT])]
    result: dict[str, Any] = {"benchmark": "worker memory", "dataset": args.dataset}
    with tempfile.TemporaryDirectory(prefix="cmq-rss-") as tmp:
        store = open_store(Path(tmp) / "db", timeout_ms=120_000)
        try:
            t0 = time.perf_counter()
            log(f"loading {args.dataset}")
            seeds = build(args.dataset, store, args.opendata)
            result["load_s"] = round(time.perf_counter() - t0, 1)
            nxp = NxPathways.from_store(store)
            queries = build_queries(nxp, pick_starts(nxp, seeds, national=True))
            del nxp, seeds
            gc.collect()
            cases = gap_cases(store)
            result["questions"] = len(queries)
            result["gap_cases"] = cases
            runs = []
            for i in range(args.rounds):
                for root in roots:
                    log(f"round {i + 1}: worker from {root}")
                    runs.append(one_worker(store, Path(tmp), root, queries, cases))
            result["runs"] = runs
        finally:
            store.close()
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
