"""Commune search latency (graph/communes.py, GET /communes): one JSON on stdout.

    .venv/bin/python bench/communes.py [--queries 2000] [--seed 1]

Loads the reference once (reported as ``load_s``), then runs the same varied queries drawn
from the reference itself (seeded): whole names and prefixes typed without accents or in
upper case, single letters and "saint …" (the largest prefix ranges), words from inside a
name (the slow path: a scan of every name), postcodes and their prefixes, INSEE codes, and
``resolve`` on names and codes. Each through ``search`` in process ("core") and through
``GET /communes`` with FastAPI's TestClient ("http"). Milliseconds, p50/p95/max.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from api import errors  # noqa: E402
from api.routes import communes as communes_route  # noqa: E402
from graph import communes  # noqa: E402
from graph.text import normalise  # noqa: E402


def _ms(samples: list[float]) -> dict[str, float]:
    s = sorted(samples)
    return {
        "n": len(s),
        "p50_ms": round(statistics.median(s), 3),
        "p95_ms": round(s[int(0.95 * (len(s) - 1))], 3),
        "max_ms": round(s[-1], 3),
    }


def queries(ref: communes.CommuneIndex, n: int, rng: random.Random) -> dict[str, list[str]]:
    names = sorted(c.name for c in ref.communes.values())
    postcodes = sorted({pc for c in ref.communes.values() for pc in c.postcodes})
    codes = sorted(ref.communes)
    inner = sorted({w for nm in names for w in nm.split("-")[1:] if len(w) > 3})
    k = max(1, n // 8)
    return {
        "name_exact": [normalise(rng.choice(names)) for _ in range(k)],
        "name_prefix": [
            (lambda nm: nm[: rng.randint(2, max(2, len(nm)))])(rng.choice(names).upper())
            for _ in range(k)
        ],
        "single_letter": [rng.choice("abcdefghijlmnprstv") for _ in range(k)],
        "saint_prefix": [f"saint {rng.choice('abcdegjlmp')}" for _ in range(k)],
        "inner_word": [normalise(rng.choice(inner)) for _ in range(k)],
        "postcode": [rng.choice(postcodes) for _ in range(k)],
        "postcode_prefix": [rng.choice(postcodes)[: rng.randint(2, 4)] for _ in range(k)],
        "insee_code": [rng.choice(codes) for _ in range(k)],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    t0 = time.perf_counter()
    ref = communes.reference()
    load_s = time.perf_counter() - t0
    rng = random.Random(args.seed)
    cases = queries(ref, args.queries, rng)

    app = FastAPI()
    errors.install(app)
    app.include_router(communes_route.router)
    client = TestClient(app)

    out: dict[str, Any] = {
        "reference": {"communes": len(ref), "load_s": round(load_s, 2), **ref.meta},
        "core": {},
        "http": {},
        "resolve": {},
    }
    everything: dict[str, list[float]] = {"core": [], "http": []}
    for name, qs in cases.items():
        core, http = [], []
        for q in qs:
            t = time.perf_counter()
            ref.search(q, 10)
            core.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            r = client.get("/communes", params={"q": q, "limit": 10})
            http.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, r.text
        out["core"][name] = _ms(core)
        out["http"][name] = _ms(http)
        everything["core"] += core
        everything["http"] += http
    out["core"]["all"] = _ms(everything["core"])
    out["http"]["all"] = _ms(everything["http"])
    for name in ("name_exact", "insee_code", "postcode"):
        samples = []
        for q in cases[name]:
            t = time.perf_counter()
            with contextlib.suppress(communes.CommuneError):  # ambiguous names are answers too
                ref.resolve(q)
            samples.append((time.perf_counter() - t) * 1000)
        out["resolve"][name] = _ms(samples)
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
