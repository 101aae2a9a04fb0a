"""Benchmark the import of the national files, phase by phase (issue 18). One JSON out.

    .venv/bin/python bench/import_national.py [DIR] [--repeat 3] [--profile OUT.prof]

DIR defaults to ``../shared/opendata-national`` (relative to the repository root). Each run is
a fresh process with a fresh embedded FalkorDB holding the seed files (as in production: seeds,
then the import); the import is then run a second time on the same database (the re-import,
which copies the whole graph for the all-or-nothing swap). Phases, in seconds:

- ``read``: decoding and splitting the CSV files the import reads (timed in a separate pass
  over the same files with the same encodings; the import interleaves it with validation,
  and parses the activity files in a forked process meanwhile);
- ``parse``: ``parse_directory`` whole (reading, checking every row, combining the files);
  ``validate_and_combine`` is ``parse - read``;
- ``build``: reading the graph's state and building the statements (the largest rows are
  built during ``write``, by its helper thread);
- ``copy``: waiting for the ``GRAPH.COPY`` of the live graph into the staging graph, taken in
  the background during ``parse`` (nothing on an empty graph; a whole copy here when a write
  came in between);
- ``write``: running the statements on the staging graph;
- ``swap``: renaming staging over the live graph and waiting for the append-only file.

``rows_per_s`` is rows read over the import's wall time, which does not include the pathway
cache's snapshot ``cmq import`` writes after it (graph/pathways/data.py, ``write_snapshot``):
that is measured apart, once per run after the re-import, as ``pathway_snapshot`` (wall
seconds, CPU of this process's threads and of the server, the file's size). On a shared machine
the wall time follows the load; ``cpu_seconds`` (this process, its forked parser
``python_worker``, and the FalkorDB server from /proc) and ``rows_per_cpu_s`` (rows over their
sum) compare runs made under load; on a quiet machine the wall time is less than that sum, the
parser process, the background copy and the helper thread working on the second core. The best
run (by wall time) is printed, with the medians of the runs. ``--profile`` writes a cProfile of
the first import of the first run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
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
DEFAULT_DIR = ROOT.parent / "shared" / "opendata-national"


def _server_cpu(store: Any) -> float:
    """CPU seconds the embedded FalkorDB process has used so far (Linux /proc)."""
    proc = getattr(store.server, "_proc", None)
    if proc is None:
        return 0.0
    fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    """CPU seconds of this process's children that have ended: the import's forked parser
    (graph/ingest/opendata/ahead.py; the embedded server is still running)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _timed_import(store: Any, directory: Path) -> tuple[Any, float, float, float, float]:
    """The import, its wall time, and the CPU seconds of this process, of its forked parser
    and of the server."""
    from graph.ingest.opendata import run_import

    s0, w0, c0, t0 = _server_cpu(store), _children_cpu(), time.process_time(), time.perf_counter()
    summary = run_import(store, directory)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    for child in multiprocessing.active_children():  # the forked parsers: their CPU once ended
        child.join()
    return summary, wall, cpu, _children_cpu() - w0, _server_cpu(store) - s0


def _phases(
    summary: Any,
    store: Any,
    timed: tuple[float, float, float, float],
    read_s: float | None,
) -> dict[str, Any]:
    wall, cpu, worker_cpu, server_cpu = timed
    t = summary.timings
    w = dict(getattr(store, "last_write_seconds", {}))  # older stores: no split
    out: dict[str, Any] = {
        "rows": summary.rows_read,
        "seconds": round(wall, 3),
        "rows_per_s": round(summary.rows_read / wall),
        "cpu_seconds": {
            "python": round(cpu, 3),
            "python_worker": round(worker_cpu, 3),
            "falkordb": round(server_cpu, 3),
        },
        "rows_per_cpu_s": round(summary.rows_read / (cpu + worker_cpu + server_cpu)),
        "phases": {
            "parse": round(t["parse"], 3),
            "build": round(t["plan"], 3),
            "copy": round(w.get("copy", 0.0), 3),
            "write": round(w.get("statements", 0.0), 3),
            "swap": round(w.get("swap", 0.0), 3),
        },
    }
    if read_s is not None:
        out["phases"]["read"] = round(read_s, 3)
        out["phases"]["validate_and_combine"] = round(t["parse"] - read_s, 3)
    return out


def _read_pass(opened: list[tuple[Path, Any]]) -> float:
    """Decode and split every file the import opened, as the import does, without checks."""
    from graph.ingest.opendata import csvfile

    t0 = time.perf_counter()
    for path, spec in opened:
        for _ in csvfile.read_table(path, spec).rows:
            pass
    return time.perf_counter() - t0


def one_run(directory: Path, data_dir: Path, profile: Path | None) -> dict[str, Any]:
    """One process: seeds, the import, the read pass, the re-import."""
    from graph.engines.falkordb_store import FalkorDBStore
    from graph.ingest.opendata import csvfile, parse_directory
    from graph.ingest.seed_loader import load_seeds
    from graph.ingest.seeds import load_seed_dir
    from graph.settings import Settings

    opened: list[tuple[Path, Any]] = []
    real_read_table = csvfile.read_table

    def recording(path: Path, spec: Any) -> Any:
        opened.append((path, spec))
        return real_read_table(path, spec)

    store = FalkorDBStore(
        Settings(graph_uri="embedded", data_dir=data_dir, query_timeout_ms=600_000)
    )
    try:
        load_seeds(store, load_seed_dir(ROOT / "seeds"))
        profiler = None
        if profile is not None:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        first, *timed = _timed_import(store, directory)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(str(profile))
        result = _phases(first, store, tuple(timed), None)  # type: ignore[arg-type]
        again, *timed = _timed_import(store, directory)
        reimport = _phases(again, store, tuple(timed), None)  # type: ignore[arg-type]
        # the files the import reads, recorded in a parse in this process only (untimed)
        csvfile.read_table = recording
        # the parsers imported the name: record through their modules' reference too
        patched = _patch_parsers(recording)
        parse_directory(directory, parallel=False)
        _patch_parsers(real_read_table, patched)
        csvfile.read_table = real_read_table
        read_s = _read_pass(opened)
        result["phases"]["read"] = round(read_s, 3)
        result["phases"]["validate_and_combine"] = round(first.timings["parse"] - read_s, 3)
        result["reimport"] = reimport
        result["pathway_snapshot"] = _timed_snapshot(store, data_dir / "pathway-cache")
        counts = {r["label"]: r["count"] for r in store.read("health_counts")}
    finally:
        store.close()
    result["files_read"] = len(opened)
    result["graph_nodes"] = counts
    return result


def _timed_snapshot(store: Any, directory: Path) -> dict[str, Any]:
    """What ``cmq import`` adds after its write: the pathway cache's snapshot of the version
    it leaves (a preload from the database, its near thread, the file)."""
    from graph.pathways.data import write_snapshot

    s0, c0, t0 = _server_cpu(store), time.process_time(), time.perf_counter()
    path = write_snapshot(store, directory)
    return {
        "seconds": round(time.perf_counter() - t0, 3),
        "cpu_seconds": {
            "python": round(time.process_time() - c0, 3),
            "falkordb": round(_server_cpu(store) - s0, 3),
        },
        "mb": round(path.stat().st_size / 1e6, 1) if path else None,
    }


def _patch_parsers(fn: Any, modules: list[Any] | None = None) -> list[Any]:
    from graph.ingest.opendata import (
        activity,
        bcn,
        certif_info,
        directories,
        professional,
    )

    mods = modules or [activity, bcn, certif_info, directories, professional]
    for m in mods:
        if hasattr(m, "read_table"):
            m.read_table = fn
    return mods


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark the national import; prints JSON.")
    ap.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=Path, help="cProfile of the first import to this file")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one_run(a.directory, a.data_dir, a.profile)))
        return
    if not a.directory.is_dir():
        sys.exit(f"no directory at {a.directory}")
    load_before = os.getloadavg()[0]
    runs = []
    for i in range(a.repeat):
        with tempfile.TemporaryDirectory(prefix="cmq-bench-national-") as tmp:
            cmd = [sys.executable, __file__, str(a.directory), "--one", "--data-dir", f"{tmp}/db"]
            if a.profile is not None and i == 0:
                cmd += ["--profile", str(a.profile)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        runs.append(json.loads(out))
    best = min(runs, key=lambda r: r["seconds"])
    result = {
        "benchmark": "cmq import opendata, national files",
        "input": str(a.directory),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_1m": round(load_before, 2),
            "load_average_1m_after": round(os.getloadavg()[0], 2),
        },
        "runs": a.repeat,
        "seconds_median": statistics.median(r["seconds"] for r in runs),
        "rows_per_s_median": statistics.median(r["rows_per_s"] for r in runs),
        "rows_per_cpu_s_median": statistics.median(r["rows_per_cpu_s"] for r in runs),
        # apart from the import's figures: cmq import's snapshot, after it
        "pathway_snapshot_seconds_median": statistics.median(
            r["pathway_snapshot"]["seconds"] for r in runs
        ),
        "best": best,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
