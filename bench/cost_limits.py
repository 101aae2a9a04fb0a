"""Trivial requests while 20 clients ask for gap reports that all miss the cache.

    .venv/bin/python bench/cost_limits.py [--duration 20] [--clients 20] [--slots 2,40]

For each value of ``CMQ_REPORT_SLOTS`` given (2 is the default; 40 = every thread of the pool,
which is how the API behaved before the slots), this script loads ``seeds/`` into a fresh
embedded database (``cmq load``), starts ``cmq serve`` on a free 127.0.0.1 port, waits for
``/health``, then:

1. ``idle``: times sequential trivial requests (GET /health and GET /campuses) alone;
2. ``loaded``: ``--clients`` threads each ask, in a closed loop, for GET /gaps around Figeac with
   a radius never asked before (``radius_km`` = 30.001, 30.002, …: every report misses the
   cache), while the same trivial requests are timed every 50 ms; the server's resident memory
   (VmRSS of the ``cmq serve`` process) is sampled every 100 ms.

Output: ONE JSON document on stdout: per slot count and phase, the trivial requests' count,
p50 / p90 / max latency (ms), the gap reports completed, and the server's RSS before the load,
its maximum during it and its peak (VmHWM). Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL = ("/health", "/campuses")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str, timeout: float = 120) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    t0 = time.perf_counter()
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, (time.perf_counter() - t0) * 1000
    finally:
        conn.close()


def _memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in MB."""
    out = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1]) // 1024
    return out


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {}
    return {
        "count": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 1),
        "max_ms": round(ordered[-1], 1),
    }


def _time_trivial(port: int, until: float, pause: float) -> dict[str, Any]:
    times: dict[str, list[float]] = {p: [] for p in TRIVIAL}
    statuses: dict[str, int] = {}
    while time.monotonic() < until:
        for path in TRIVIAL:
            status, ms = _get(port, path)
            times[path].append(ms)
            statuses[f"{path} {status}"] = statuses.get(f"{path} {status}", 0) + 1
        time.sleep(pause)
    return {"statuses": statuses, **{p: _percentiles(v) for p, v in times.items()}}


def run(slots: int, duration: float, clients: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="cmq-bench-") as tmp:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("CMQ_")},
            "CMQ_DATA_DIR": str(Path(tmp) / "db"),
            "CMQ_REPORT_SLOTS": str(slots),
        }
        subprocess.run(
            [sys.executable, "-m", "api.cli", "load", str(ROOT / "seeds")],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        port = _free_port()
        serve = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if _get(port, "/health", 5)[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("cmq serve did not start")
                time.sleep(0.2)
            time.sleep(3)  # let the pathway cache fill (CMQ_PATHWAY_PRELOAD)
            before = _memory(serve.pid)
            idle = _time_trivial(port, time.monotonic() + min(duration, 5), 0.05)

            radii = itertools.count(1)
            lock = threading.Lock()
            done: list[int] = []
            stop = threading.Event()

            def client() -> None:
                while not stop.is_set():
                    with lock:
                        radius = 30 + next(radii) / 1000
                    status, _ = _get(port, f"/gaps?near=46102&radius_km={radius}&limit=5")
                    with lock:
                        done.append(status)

            threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
            rss: list[int] = []

            def sample() -> None:
                while not stop.is_set():
                    rss.append(_memory(serve.pid)["VmRSS"])
                    time.sleep(0.1)

            sampler = threading.Thread(target=sample, daemon=True)
            for t in [*threads, sampler]:
                t.start()
            time.sleep(1)  # every client has a report in progress
            loaded = _time_trivial(port, time.monotonic() + duration, 0.05)
            stop.set()
            for t in threads:
                t.join(timeout=300)
            after = _memory(serve.pid)
            return {
                "report_slots": slots,
                "idle": idle,
                "loaded": {
                    **loaded,
                    "gap_reports": {str(s): done.count(s) for s in sorted(set(done))},
                },
                "rss_mb": {
                    "before": before["VmRSS"],
                    "max_during": max(rss) if rss else None,
                    "peak_vmhwm": after["VmHWM"],
                },
            }
        finally:
            serve.terminate()
            serve.wait(timeout=60)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--duration", type=float, default=20.0, help="seconds of load per run")
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--slots", default="2", help="CMQ_REPORT_SLOTS values, e.g. 2,40")
    args = p.parse_args()
    results = [run(int(s), args.duration, args.clients) for s in args.slots.split(",")]
    print(
        json.dumps(
            {
                "bench": "cost_limits",
                "data": "seeds/",
                "clients": args.clients,
                "duration_s": args.duration,
                "cpus": os.cpu_count(),
                "load_average": os.getloadavg(),
                "runs": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
