"""FalkorDB and Neo4j side by side on the same graphs (one JSON document on stdout).

    .venv/bin/python bench/engines.py [--sizes seed,national] [--opendata DIR] [--reps 30]

Sizes (``--sizes``, comma-separated, in this order):

- ``seed``: ``seeds/``;
- ``national``: ``seeds/`` then the real national open-data files (``--opendata``, default
  ``../shared/opendata-national`` beside the repository) imported by the code of
  ``cmq import opendata`` (:func:`graph.ingest.opendata.run_import`): the production graph;
- ``synthetic``: :func:`bench.synthetic.generate` at scale 1, loaded without the loader's
  inferred passerelles (as in bench/pathways.py and bench/load.py).

Each engine gets the same graph: the embedded FalkorDB in a temporary directory, and Neo4j 5.26
started by ``tools/neo4j-local`` in a temporary directory (2 GB heap, 1 GB page cache), one
after the other. For each it measures:

- ``load_s``: ``load_seeds`` into the empty database (one all-or-nothing write); on ``seed``,
  ``reload_s`` the same load again (Neo4j compiles each query on first use: docs/cypher.md);
  on ``national``, ``import_s``: the import of the national files (parse, plan and one
  all-or-nothing write; the same input on both engines);
- ``pathway_cold_ms``: ``find_pathways`` with the pathway cache emptied before every search
  (what a search costs right after a write that says nothing of what it touched), and
  ``pathway_warm_ms`` with the cache filled (the API's steady state: one ``version()`` read
  plus work in memory); the questions are those of bench/pathways.py, cycled until ``--reps``;
- ``gap_report``: ``gap_report`` computed every time (``cached=False``) for a campus and for
  three départements, median of ``--gap-reps``;
- ``http_mix``: ``cmq serve`` (one worker) on that engine's database, driven by bench/load.py's
  client with its request mix (pathways 60 %, gaps 5 %, lists 25 %, GeoJSON 10 %) for
  ``--http-duration`` seconds: requests/s, latency percentiles, errors (``--http-duration 0``
  skips it).

The answers of both engines to every pathway and gap question are compared
(``same_answers``; the differing questions are listed). Progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import MIX, build_pools, calibrate, drive, report, sequence  # noqa: E402
from bench.load import uvicorn_server as serve_http  # noqa: E402
from bench.nx_pathways import NxPathways  # noqa: E402
from bench.pathways import (  # noqa: E402
    build_queries,
    core_query,
    graph_counts,
    load,
    machine,
    percentile,
    pick_starts,
)
from bench.synthetic import generate  # noqa: E402
from graph.engines.falkordb_store import FalkorDBStore  # noqa: E402
from graph.engines.neo4j_local import LocalNeo4j  # noqa: E402
from graph.engines.neo4j_store import Neo4jStore  # noqa: E402
from graph.gaps import gap_report  # noqa: E402
from graph.ingest.opendata import run_import  # noqa: E402
from graph.ingest.seeds import SeedSet, load_seed_dir  # noqa: E402
from graph.pathways import PathwayQuery, find_pathways  # noqa: E402
from graph.pathways.data import forget  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import GraphStore  # noqa: E402
from graph.territory import Territory  # noqa: E402

TIMEOUT_MS = 600_000
DEFAULT_OPENDATA = ROOT.parent / "shared" / "opendata-national"


def log(msg: str) -> None:
    print(f"[engines] {msg}", file=sys.stderr, flush=True)


@contextmanager
def open_engine(engine: str, tmp: Path) -> Iterator[Any]:
    """A fresh store (typed Any: bench/pathways.py's helpers are written for FalkorDB's)."""
    if engine == "falkordb":
        store: Any = FalkorDBStore(
            Settings(graph_uri="embedded", data_dir=tmp / "falkordb", query_timeout_ms=TIMEOUT_MS)
        )
        try:
            yield store
        finally:
            store.close()
        return
    server = LocalNeo4j(tmp / "neo4j", heap="2g", pagecache="1g")
    t0 = time.perf_counter()
    uri = server.start()
    log(f"neo4j started in {time.perf_counter() - t0:.1f} s")
    try:
        store = Neo4jStore(Settings(graph_uri=uri, query_timeout_ms=TIMEOUT_MS))
        try:
            yield store
        finally:
            store.close()
    finally:
        server.stop()


def ms_summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "p50": round(percentile(ordered, 50), 2),
        "p95": round(percentile(ordered, 95), 2),
        "max": round(ordered[-1], 2),
    }


def timed_searches(
    store: GraphStore, queries: list[PathwayQuery], reps: int, before: Callable[[], None]
) -> list[float]:
    samples: list[float] = []
    i = 0
    while len(samples) < max(reps, len(queries)):
        q = queries[i % len(queries)]
        before()
        t = time.perf_counter()
        find_pathways(store, q)
        samples.append((time.perf_counter() - t) * 1000)
        i += 1
    return samples


@dataclass(frozen=True)
class Size:
    """A graph to compare the engines on: seed files, then (``national``) an import."""

    name: str
    seeds: SeedSet
    inferred: bool  # the loader's inferred passerelles (off for the synthetic graph)
    opendata: Path | None = None


def make_size(name: str, args: Any) -> Size:
    if name == "seed":
        return Size(name, load_seed_dir(ROOT / "seeds"), True)
    if name == "national":
        if not (args.opendata / "nFormationDiplome_.csv").is_file():
            raise SystemExit(f"--opendata {args.opendata}: not the national open-data files")
        return Size(name, load_seed_dir(ROOT / "seeds"), True, args.opendata)
    if name == "synthetic":
        return Size(name, generate(1.0, 7), False)
    raise SystemExit(f"unknown size {name!r} (seed, national, synthetic)")


def fill(store: GraphStore, size: Size) -> dict[str, Any]:
    """Put the size's graph into the empty store; the time of each step."""
    out: dict[str, Any] = {"load_s": round(load(store, size.seeds, inferred=size.inferred), 2)}
    if size.opendata is not None:
        t0 = time.perf_counter()
        summary = run_import(store, size.opendata)
        out["import_s"] = round(time.perf_counter() - t0, 2)
        out["import_rows"] = summary.rows_read
        out["import_steps_s"] = {k: round(v, 2) for k, v in summary.timings.items()}
    elif size.name == "seed":
        out["reload_s"] = round(load(store, size.seeds, inferred=size.inferred), 2)
    return out


def http_mix(store: GraphStore, work: Path, pools: dict[str, Any], args: Any) -> dict[str, Any]:
    """``cmq serve`` (one worker) on the store's database, under bench/load.py's mix.

    ``pools`` empty: built from this graph and calibrated here (the requests answered 200 within
    ``--calibration-s`` are kept); the next engine gets the same requests, each sent once
    before timing (a warm-up that also compiles Neo4j's queries, with 4 times the budget)."""
    with serve_http(store, work, 1) as port:
        if not pools:
            candidates = build_pools(store, random.Random(args.seed))  # type: ignore[arg-type]
            usable, cal = calibrate(port, candidates, args.calibration_s)
            pools.update(usable)
        else:
            usable, cal = calibrate(port, pools, 4 * args.calibration_s)
        log(f"http calibration {cal}")
        mix = sequence(usable, MIX, 4000, args.seed)
        drive(port, mix, 3.0, 10**9, args.concurrency)  # warm-up
        samples, elapsed = drive(port, mix, args.http_duration, 10**6, args.concurrency)
    out = report(samples, elapsed)
    out["calibration"] = cal
    out["concurrency"] = args.concurrency
    return out


def bench_engine(
    engine: str,
    size: Size,
    http_queries: list[dict[str, Any]],
    pools: dict[str, Any],
    args: Any,
) -> tuple[dict[str, Any], list[Any]]:
    """One engine on one size. ``http_queries`` (and ``pools``, :func:`http_mix`) empty: chosen
    here, on this engine's graph, as bench/pathways.py chooses them; the next engine gets the
    same."""
    with tempfile.TemporaryDirectory() as tmp, open_engine(engine, Path(tmp)) as store:
        out: dict[str, Any] = fill(store, size)
        log(f"{engine}: {out}")
        out["graph"] = graph_counts(store)
        if not http_queries:
            nxp = NxPathways.from_store(store)
            starts = pick_starts(nxp, size.seeds, national=size.name != "seed")
            http_queries.extend(build_queries(nxp, starts))
        queries = [core_query(store, q) for q in http_queries]
        answers = [find_pathways(store, q).model_dump() for q in queries]
        forget(store)
        cold = timed_searches(store, queries, args.reps, lambda: forget(store))
        out["pathway_cold_ms"] = ms_summary(cold)
        for q in queries:  # fills the cache for this version
            find_pathways(store, q)
        warm = timed_searches(store, queries, args.reps, lambda: None)
        out["pathway_warm_ms"] = ms_summary(warm)
        log(f"{engine}: pathways cold {out['pathway_cold_ms']}, warm {out['pathway_warm_ms']}")
        campus = _biggest_campus(store)
        deps = _departements(http_queries)
        gaps: dict[str, Any] = {}
        for case, territory in (
            ("campus", Territory(campus=campus)),
            ("departements", Territory(departements=deps)),
        ):
            report_ = gap_report(store, territory, cached=False)  # warm-up
            answers.append(report_.model_dump())
            times = []
            for _ in range(args.gap_reps):
                t = time.perf_counter()
                gap_report(store, territory, cached=False)
                times.append((time.perf_counter() - t) * 1000)
            gaps[case] = {"median_ms": round(statistics.median(times), 1), "n": len(times)}
        gaps["campus"]["campus"], gaps["departements"]["departements"] = campus, deps
        out["gap_report"] = gaps
        log(f"{engine}: gaps {gaps}")
        forget(store)
        if args.http_duration > 0:
            out["http_mix"] = http_mix(store, Path(tmp), pools, args)
            log(f"{engine}: http mix {out['http_mix']['rps']} requests/s")
        return out, answers


def _biggest_campus(store: GraphStore) -> str:
    """The campus with the most offers (ties: smallest id), as bench/gaps.py chooses it."""
    rows = store.read("campuses_list")
    return min(rows, key=lambda r: (-r["offers"], r["campus"]["id"]))["campus"]["id"]


def _departements(http_queries: list[dict[str, Any]]) -> list[str]:
    for q in http_queries:
        deps = q.get("departements", "")
        if deps.count(",") == 2:
            return deps.split(",")
    return [http_queries[0]["departements"]]


def bench_size(name: str, args: Any) -> dict[str, Any]:
    size = make_size(name, args)
    http_queries: list[dict[str, Any]] = []
    pools: dict[str, Any] = {}
    out: dict[str, Any] = {}
    answers = {}
    for engine in args.engines.split(","):
        out[engine], answers[engine] = bench_engine(engine, size, http_queries, pools, args)
    out["questions"] = len(http_queries)
    values = list(answers.values())
    differ = [i for i in range(len(values[0])) if any(v[i] != values[0][i] for v in values)]
    out["same_answers"] = not differ
    if differ:  # pathway questions first, then the campus and the départements gap reports
        out["differing_answers"] = differ
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,national")
    parser.add_argument("--engines", default="falkordb,neo4j")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--gap-reps", type=int, default=3)
    parser.add_argument(
        "--opendata", type=Path, default=DEFAULT_OPENDATA, help="national open-data files"
    )
    parser.add_argument("--http-duration", type=float, default=15.0, help="0: no HTTP mix")
    parser.add_argument("--calibration-s", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result: dict[str, Any] = {
        "benchmark": "engines",
        "machine": machine(),
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "loadavg_start": os.getloadavg(),
    }
    for name in args.sizes.split(","):
        log(f"size {name}")
        result[name] = bench_size(name, args)
    result["total_s"] = round(time.perf_counter() - started, 1)
    result["loadavg_end"] = os.getloadavg()
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
