"""Benchmark the parse of the national import alone (issue 18, parse side). One JSON out.

    .venv/bin/python bench/import_parse.py [DIR] [--repeat 5]

Each run is a fresh process calling ``parse_directory`` as ``run_import`` does (the cyclic
garbage collector off, the activity files in a forked process): its wall time, the CPU seconds
of this process and of the forked one, and how long this process waited for each step the
forked ones hand over (``waits``: the parsed activity files, the rows resolved to CFDs, the
offers, the continuation evidence, and where a second process builds them, the establishments:
``places``; older code hands over fewer steps). ``python_worker`` is the CPU of both forked
processes. On a quiet machine the
wall time is about this process's CPU seconds plus its waits; on a loaded one the waits grow
with the load. ``evidence_ready``: when the continuation evidence the build reads was there
(the parse no longer waits for it, branch importparse3). No database: the write side is
``bench/import_national.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DIR = ROOT.parent / "shared" / "opendata-national"


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _timing_waits(waits: dict[str, float]) -> None:
    """Wrap the functions that wait for the forked process to time their waits."""
    from graph.ingest.opendata import ahead

    for step, (name, index) in {
        "files": ("activity_result", 0),
        "resolved": ("activity_resolved", 1),
        "offers": ("activity_offers", 2),
        "evidence": ("last_result", 0),
    }.items():
        real = getattr(ahead, name, None)
        if real is None:
            continue

        def timed(
            pending: Any,
            *a: Any,
            _r: Callable[..., Any] = real,
            _i: int = index,
            _s: str = step,
            **k: Any,
        ) -> Any:
            t0 = time.perf_counter()
            if pending is not None:
                futures = pending if isinstance(pending, tuple) else (pending,)
                if _i < len(futures):
                    futures[_i].result()
            waits[_s] = waits.get(_s, 0.0) + time.perf_counter() - t0
            return _r(pending, *a, **k)

        setattr(ahead, name, timed)

    places = importlib.import_module("graph.ingest.opendata.places") if _has_places() else None
    if places is not None:  # the second process (branch importparse3): its establishments
        real_take = places.take

        def took(pending: Any, *a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            if pending is not None:
                with contextlib.suppress(Exception):
                    pending.result()
            waits["places"] = waits.get("places", 0.0) + time.perf_counter() - t0
            return real_take(pending, *a, **k)

        places.take = took  # type: ignore[attr-defined]


def _has_places() -> bool:
    return importlib.util.find_spec("graph.ingest.opendata.places") is not None


def one_run(directory: Path) -> dict[str, Any]:
    import gc

    from graph.ingest.opendata import parse_directory

    waits: dict[str, float] = {}
    _timing_waits(waits)
    gc.disable()  # as run_import
    w0, c0, t0 = _children_cpu(), time.process_time(), time.perf_counter()
    data = parse_directory(directory)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    if data.evidence is not None:  # taken later by the build where the parse no longer waits
        data.evidence.value()
    evidence = time.perf_counter() - t0
    for child in multiprocessing.active_children():  # ended: their CPU seconds are counted
        child.join()
    return {
        "seconds": round(wall, 3),
        "evidence_ready": round(evidence, 3),
        "rows": sum(r.rows_read for r in data.reports),
        "cpu_seconds": {
            "python": round(cpu, 3),
            "python_worker": round(_children_cpu() - w0, 3),
        },
        "waits": {k: round(v, 3) for k, v in waits.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark parse_directory alone; prints JSON.")
    ap.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one_run(a.directory)))
        return
    if not a.directory.is_dir():
        sys.exit(f"no directory at {a.directory}")
    load_before = os.getloadavg()[0]
    runs = []
    for _ in range(a.repeat):
        cmd = [sys.executable, __file__, str(a.directory), "--one"]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        runs.append(json.loads(out))

    def median(f: Callable[[dict[str, Any]], float]) -> float:
        return round(statistics.median(f(r) for r in runs), 3)

    result = {
        "benchmark": "cmq import opendata, parse_directory alone",
        "input": str(a.directory),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_1m": round(load_before, 2),
            "load_average_1m_after": round(os.getloadavg()[0], 2),
        },
        "runs": a.repeat,
        "median": {
            "seconds": median(lambda r: r["seconds"]),
            "python_cpu": median(lambda r: r["cpu_seconds"]["python"]),
            "worker_cpu": median(lambda r: r["cpu_seconds"]["python_worker"]),
            "waits": median(lambda r: sum(r["waits"].values())),
        },
        "best": min(runs, key=lambda r: r["seconds"]),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
