"""Gap report latency on the seed data and on a synthetic national graph (one JSON on stdout).

    .venv/bin/python bench/gaps.py [--scale 1.0] [--reps 10] [--opendata DIR] [--profile 25]

For each size, on the embedded FalkorDB engine (a fresh store in a temporary directory), the
report (all six sections) is computed for a campus and for a territory of two départements:
``graph.gaps.gap_report`` in process, computed every time ("core") and as the API serves it,
kept for the graph's version ("core_cached", graph/gaps/cache.py), and ``GET /gaps`` through
FastAPI's TestClient ("http_cached"), after one warm-up. Medians and maxima in milliseconds;
``core_cpu``: the CPU time of each computed report, this process's and the database server's
(on a loaded machine, the wall time also counts the waits for a core).
With ``--opendata DIR`` (e.g. ``../shared/opendata-national``), a third size: the seed files
then ``cmq import opendata DIR``, the campus with the most offers and départements 12 + 46.
Each case also gives the SHA-256 of the report's JSON (``sha256``: the same before and after a
change) and ``reads``: the milliseconds of each query of one computed report (where the reading
time goes; of reads sent together, the wait for each one's rows and their decoding). With
``--profile N``, one more computed report per case runs under cProfile and its N most costly
functions (own time) go to stderr; stdout stays the JSON.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from api.main import create_app  # noqa: E402
from bench.synthetic import generate  # noqa: E402
from graph.engines.falkordb_store import FalkorDBStore  # noqa: E402
from graph.gaps import gap_report  # noqa: E402
from graph.ingest.opendata import run_import  # noqa: E402
from graph.ingest.seed_loader import load_seeds  # noqa: E402
from graph.ingest.seeds import SeedSet, load_seed_dir  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.territory import Territory  # noqa: E402


def _ms(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 1),
        "max_ms": round(max(samples), 1),
    }


def _server_cpu_s(settings: Settings) -> float:
    """CPU seconds used so far by the embedded FalkorDB server (all its threads), 0 if
    unknown: with the client's own CPU time, what a report costs whatever the load of the
    machine (wall time on a shared machine also counts the waits for a core)."""
    try:
        pid = (settings.data_dir / "falkordb.pid").read_text().strip()
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _reads(store: FalkorDBStore, territory: Territory) -> dict[str, float]:
    """Milliseconds per query name (summed over its calls) of one computed report."""
    spent: dict[str, float] = {}
    read = store.read

    def timed(name: str, /, **params: Any) -> list[dict[str, Any]]:
        t = time.perf_counter()
        try:
            return read(name, **params)
        finally:
            spent[name] = spent.get(name, 0.0) + (time.perf_counter() - t) * 1000

    pipelined = store.read_pipelined

    def timed_ahead(requests: Any, **kwargs: Any) -> Any:
        # reads sent together (graph/gaps/data.py): each counts the wait for its rows and
        # their decoding, not the server's time spent while the rows before it were handled
        requests = list(requests)
        rows = pipelined(requests, **kwargs)
        for name, _ in requests:
            t = time.perf_counter()
            got = next(rows)
            spent[name] = spent.get(name, 0.0) + (time.perf_counter() - t) * 1000
            yield got
        next(rows, None)

    store.read = timed  # type: ignore[method-assign]
    store.read_pipelined = timed_ahead  # type: ignore[method-assign]
    try:
        t = time.perf_counter()
        gap_report(store, territory, cached=False)
        total = (time.perf_counter() - t) * 1000
    finally:
        del store.read
        del store.read_pipelined
    return {
        "total_ms": round(total, 1),
        "read_ms": round(sum(spent.values()), 1),
        **{k: round(v, 1) for k, v in sorted(spent.items(), key=lambda kv: -kv[1])},
    }


def _profile(label: str, store: FalkorDBStore, territory: Territory, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    gap_report(store, territory, cached=False)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    print(f"== profile: {label}\n{text.getvalue()}", file=sys.stderr)


def bench_size(
    name: str,
    seeds: SeedSet,
    campus: str | None,
    departements: list[str],
    reps: int,
    opendata: Path | None = None,
    profile: int = 0,
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            graph_uri="embedded", data_dir=Path(tmp) / "db", query_timeout_ms=120_000
        )
        store = FalkorDBStore(settings)
        try:
            t0 = time.perf_counter()
            load_seeds(store, seeds)
            if opendata is not None:
                run_import(store, opendata)
            load_s = time.perf_counter() - t0
            # The generated seed set stays alive in this process (a server holds no such
            # thing; it freezes its own long-lived objects after its preload, api/): without
            # this, every other report paid a full collection walking it, ~170 ms.
            gc.freeze()
            out: dict[str, Any] = {"load_s": round(load_s, 1)}
            if campus is None:  # the campus with the most offers in its territory
                sizes = {
                    c["id"]: len(
                        store.read(
                            "gaps_offers", codes=None, **Territory(campus=c["id"]).query_params()
                        )
                    )
                    for c in store.read("gaps_campuses")
                }
                campus = max(sorted(sizes), key=lambda c: sizes[c])
                out["campus_id"] = campus
                out["campus_offers"] = sizes[campus]
            cases = {
                "campus": (Territory(campus=campus), {"campus": campus}),
                "departements": (
                    Territory(departements=departements),
                    {"departements": ",".join(departements)},
                ),
            }
            app = create_app(settings, store=store)
            with TestClient(app) as client:
                for case, (territory, params) in cases.items():
                    report = gap_report(store, territory, cached=False)  # warm-up
                    core, cached, http = [], [], []
                    cpu: list[float] = []
                    for _ in range(reps):
                        c = time.process_time(), _server_cpu_s(settings)
                        t = time.perf_counter()
                        gap_report(store, territory, cached=False)
                        core.append((time.perf_counter() - t) * 1000)
                        cpu.append(
                            (time.process_time() - c[0] + _server_cpu_s(settings) - c[1]) * 1000
                        )
                        t = time.perf_counter()
                        gap_report(store, territory)
                        cached.append((time.perf_counter() - t) * 1000)
                        t = time.perf_counter()
                        r = client.get("/gaps", params=params)
                        http.append((time.perf_counter() - t) * 1000)
                        assert r.status_code == 200, r.text
                    out[case] = {
                        "core": _ms(core),
                        "core_cpu": _ms(cpu),
                        "core_cached": _ms(cached),
                        "http_cached": _ms(http),
                        "reads": _reads(store, territory),
                        "findings": report.counts,
                        # the same report before and after a change (compare across checkouts)
                        "sha256": hashlib.sha256(report.model_dump_json().encode()).hexdigest(),
                    }
                    if profile:
                        _profile(f"{name} {case}", store, territory, profile)
            return out
        finally:
            store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="national graph scale")
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--opendata", type=Path, help="also: the seeds plus an import of DIR")
    ap.add_argument("--skip-synthetic", action="store_true")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile top N")
    args = ap.parse_args()
    t0 = time.perf_counter()
    result: dict[str, Any] = {"benchmark": "gap report", "reps": args.reps}
    result["seed"] = bench_size(
        "seed",
        load_seed_dir(ROOT / "seeds"),
        "mecanic-vallee",
        ["012", "046"],
        args.reps,
        profile=args.profile,
    )
    if args.opendata is not None:
        result["national_files"] = {
            "input": args.opendata.name,
            **bench_size(
                "files",
                load_seed_dir(ROOT / "seeds"),
                None,
                ["012", "046"],
                max(3, args.reps // 3),
                opendata=args.opendata,
                profile=args.profile,
            ),
        }
    if args.skip_synthetic:
        result["run_s"] = round(time.perf_counter() - t0, 1)
        print(json.dumps(result, indent=1))
        return 0
    national = generate(args.scale, 7)
    campus = sorted(sf.campus.id for sf in national.files.values() if sf.campus is not None)[0]
    depts = sorted({s.departement for s in national.sites.values()})[:2]
    result["national"] = {
        "scale": args.scale,
        "campus": campus,
        "departements": depts,
        **bench_size(
            "national", national, campus, depts, max(3, args.reps // 3), profile=args.profile
        ),
    }
    result["run_s"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
