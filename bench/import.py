"""Benchmark ``cmq import opendata``: the académie slice and a national-size input. One JSON out.

    .venv/bin/python bench/import.py [SLICE_DIR] [--national-dir DIR] [--repeat 3]

SLICE_DIR defaults to ``../shared/opendata`` (relative to the repository root). The national
input is generated from the slice by ``bench/opendata_national.py`` (same formats, every
département; ~69 000 directory rows, ~62 000 activity rows, the full BCN) unless
``--national-dir`` names an existing one. Each input is imported in a fresh process into a fresh
embedded FalkorDB holding the seed files (as in production: seeds, then the import), ``repeat``
times; the JSON gives the best run's wall time and the median, rows read, rows/s, the parse /
plan / write split, Python CPU time, and peak RSS of the Python process and of the FalkorDB
server (``resource.getrusage``). A second import of the same input (the no-op re-import) is
timed too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_SLICE = ROOT.parent / "shared" / "opendata"


def one_run(directory: Path, data_dir: Path) -> dict[str, Any]:
    """One import in this process (called in a child process by :func:`measure`)."""
    from graph.engines.falkordb_store import FalkorDBStore
    from graph.ingest.opendata import run_import
    from graph.ingest.seed_loader import load_seeds
    from graph.ingest.seeds import load_seed_dir
    from graph.settings import Settings

    store = FalkorDBStore(
        Settings(graph_uri="embedded", data_dir=data_dir, query_timeout_ms=600_000)
    )
    try:
        load_seeds(store, load_seed_dir(ROOT / "seeds"))
        c0, t0 = time.process_time(), time.perf_counter()
        summary = run_import(store, directory)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        t1 = time.perf_counter()
        run_import(store, directory)
        again = time.perf_counter() - t1
        counts = {r["label"]: r["count"] for r in store.read("health_counts")}
    finally:
        store.close()
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    server_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "rows": summary.rows_read,
        "seconds": round(wall, 3),
        "rows_per_s": round(summary.rows_read / wall),
        "cpu_seconds_python": round(cpu, 3),
        "timings": {k: round(v, 3) for k, v in summary.timings.items()},
        "reimport_seconds": round(again, 3),
        "nodes_written": {k: v["written"] for k, v in summary.nodes.items()},
        "relationships_written": {k: v["written"] for k, v in summary.relationships.items()},
        "graph_nodes": counts,
        "statements": summary.statements,
        "peak_rss_mb_python": round(self_rss, 1),
        "peak_rss_mb_falkordb": round(server_rss, 1),
        "coverage": summary.coverage.to_dict(),
    }


def measure(directory: Path, repeat: int) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="cmq-bench-import-") as tmp:
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(directory), "--data-dir", f"{tmp}/db"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        runs.append(json.loads(out))
    best = min(runs, key=lambda r: r["seconds"])
    best["runs"] = repeat
    best["seconds_median"] = statistics.median(r["seconds"] for r in runs)
    best["peak_rss_mb_python"] = max(r["peak_rss_mb_python"] for r in runs)
    best["peak_rss_mb_falkordb"] = max(r["peak_rss_mb_falkordb"] for r in runs)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark the open-data import; prints JSON.")
    ap.add_argument("slice", nargs="?", type=Path, default=DEFAULT_SLICE)
    ap.add_argument("--national-dir", type=Path, help="an existing national-size input")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-national", action="store_true")
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one_run(a.one, a.data_dir)))
        return
    if not a.slice.is_dir():
        sys.exit(f"no slice directory at {a.slice}")
    result: dict[str, Any] = {
        "benchmark": "cmq import opendata",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_1m": round(os.getloadavg()[0], 2),
        },
        "slice": {"input": str(a.slice), **measure(a.slice, a.repeat)},
    }
    if not a.skip_national:
        from bench.opendata_national import generate

        with tempfile.TemporaryDirectory(prefix="cmq-national-") as tmp:
            national = a.national_dir or Path(tmp)
            if a.national_dir is None or not any(national.glob("*.csv")):
                generate(national, source=a.slice)
            result["national"] = {
                "input": "generated by bench/opendata_national.py"
                if a.national_dir is None
                else str(national),
                **measure(national, a.repeat),
            }
    result["machine"]["load_average_1m_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
