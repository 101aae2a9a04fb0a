"""FalkorDB and Neo4j side by side on the same graphs (one JSON document on stdout).

    .venv/bin/python bench/engines.py [--sizes seed,national] [--reps 30]

For each size (``seed``: ``seeds/``; ``national``: :func:`bench.synthetic.generate` at scale 1,
loaded without the loader's inferred passerelles as in bench/pathways.py) and each engine (the
embedded FalkorDB in a temporary directory; Neo4j 5.26 started by ``tools/neo4j-local`` in a
temporary directory, 2 GB heap, 1 GB page cache), it measures:

- ``load_s``: ``load_seeds`` into the empty database (one all-or-nothing write), and
  ``reload_s`` the same load again (Neo4j compiles each query on first use: see docs/cypher.md);
- ``pathway_cold``: ``find_pathways`` with the pathway cache emptied before every search (what
  a search costs right after a write), and ``pathway_warm`` with the cache filled (the API's
  steady state: one ``version()`` read plus work in memory); the questions are those of
  bench/pathways.py, cycled until ``--reps`` samples;
- ``gap_report``: ``gap_report`` computed every time (``cached=False``) for a campus and for
  three départements, median of ``--gap-reps``.

Both engines answer every question identically (checked before timing). Progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

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
from graph.ingest.seeds import SeedSet, load_seed_dir  # noqa: E402
from graph.pathways import PathwayQuery, find_pathways  # noqa: E402
from graph.pathways.data import forget  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import GraphStore  # noqa: E402
from graph.territory import Territory  # noqa: E402

TIMEOUT_MS = 300_000


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


def bench_engine(
    engine: str, seeds: SeedSet, national: bool, http_queries: list[dict[str, Any]], args: Any
) -> tuple[dict[str, Any], list[Any]]:
    with tempfile.TemporaryDirectory() as tmp, open_engine(engine, Path(tmp)) as store:
        load_s = load(store, seeds, inferred=not national)
        reload_s = load(store, seeds, inferred=not national)  # queries compiled, JIT warm
        log(f"{engine}: loaded in {load_s:.1f} s, again in {reload_s:.1f} s")
        out: dict[str, Any] = {
            "load_s": round(load_s, 2),
            "reload_s": round(reload_s, 2),
            "graph": graph_counts(store),
        }
        queries = [core_query(store, q) for q in http_queries]
        answers = [find_pathways(store, q).model_dump() for q in queries]
        forget(store)
        cold = timed_searches(store, queries, args.reps, lambda: forget(store))
        out["pathway_cold_ms"] = ms_summary(cold)
        find_pathways(store, queries[0])  # fills the cache for this version
        for q in queries:
            find_pathways(store, q)
        warm = timed_searches(store, queries, args.reps, lambda: None)
        out["pathway_warm_ms"] = ms_summary(warm)
        log(f"{engine}: pathways cold p50 {out['pathway_cold_ms']['p50']} ms")
        campus = sorted(r["campus"]["id"] for r in store.read("campuses_list"))[0]
        deps = _departements(http_queries)
        gaps: dict[str, Any] = {}
        for case, territory in (
            ("campus", Territory(campus=campus)),
            ("departements", Territory(departements=deps)),
        ):
            report = gap_report(store, territory, cached=False)  # warm-up
            answers.append(report.model_dump())
            times = []
            for _ in range(args.gap_reps):
                t = time.perf_counter()
                gap_report(store, territory, cached=False)
                times.append((time.perf_counter() - t) * 1000)
            gaps[case] = {"median_ms": round(statistics.median(times), 1), "n": len(times)}
        out["gap_report"] = gaps
        log(f"{engine}: gaps {gaps}")
        return out, answers


def _departements(http_queries: list[dict[str, Any]]) -> list[str]:
    for q in http_queries:
        deps = q.get("departements", "")
        if deps.count(",") == 2:
            return deps.split(",")
    return [http_queries[0]["departements"]]


def bench_size(name: str, args: Any) -> dict[str, Any]:
    national = name == "national"
    seeds = generate(1.0, 7) if national else load_seed_dir(ROOT / "seeds")
    # The questions are chosen as bench/pathways.py chooses them, on an in-memory copy.
    with tempfile.TemporaryDirectory() as tmp, open_engine("falkordb", Path(tmp)) as store:
        load(store, seeds, inferred=not national)
        nxp = NxPathways.from_store(store)
    http_queries = build_queries(nxp, pick_starts(nxp, seeds, national=national))
    out: dict[str, Any] = {"questions": len(http_queries)}
    answers = {}
    for engine in args.engines.split(","):
        out[engine], answers[engine] = bench_engine(engine, seeds, national, http_queries, args)
    values = list(answers.values())
    out["same_answers"] = all(v == values[0] for v in values)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,national")
    parser.add_argument("--engines", default="falkordb,neo4j")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--gap-reps", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result: dict[str, Any] = {"benchmark": "engines", "machine": machine(), "args": vars(args)}
    for name in args.sizes.split(","):
        log(f"size {name}")
        result[name] = bench_size(name, args)
    result["total_s"] = round(time.perf_counter() - started, 1)
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
