"""Time of ``GET /diplomas/{code}`` for a code the graph does not hold (the 404 with close
diplomas), with and without the diplomas index the app keeps; one JSON on stdout.

    CMQ_DATA_DIR=/tmp/natl .venv/bin/python bench/diploma_unknown.py [--rounds 5]

:func:`graph.queries.get_diploma` is asked each unknown code twice per round, alternated:
``reread`` reads the diplomas index from the graph for the suggestions (the code before
session 18), ``kept`` is given the index read once (as the API now does, per graph version).
The suggestions must be the same (``same``). Wall and process CPU (``time.process_time``) per
request, median of rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph import queries  # noqa: E402
from graph.engines.factory import open_store  # noqa: E402
from graph.errors import NotFound  # noqa: E402
from graph.settings import Settings  # noqa: E402

CODES = ["ABCDEF", "XYZ12345", "4002552O", "BTS-SIO", "cap-cuisine", "00000001", "PS-ZZZ"]


def _ask(store: Any, code: str, rows: list[dict[str, Any]] | None) -> list[str]:
    try:
        queries.get_diploma(store, code, index=(lambda: rows) if rows is not None else None)
    except NotFound as e:
        return e.suggestions
    raise SystemExit(f"{code} is known")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    store = open_store(Settings.from_env())
    try:
        rows = store.read("diplomas_search_index")
        times: dict[str, dict[str, list[float]]] = {
            k: {"wall": [], "cpu": []} for k in ("reread", "kept")
        }
        same = True
        for _ in range(args.rounds):
            answers: dict[str, list[list[str]]] = {}
            for name, given in (("reread", None), ("kept", rows)):
                w0, c0 = time.perf_counter(), time.process_time()
                answers[name] = [_ask(store, c, given) for c in CODES]
                times[name]["wall"].append((time.perf_counter() - w0) / len(CODES))
                times[name]["cpu"].append((time.process_time() - c0) / len(CODES))
            same = same and answers["reread"] == answers["kept"]
        out = {
            "bench": "diploma_unknown",
            "data_dir": os.environ.get("CMQ_DATA_DIR"),
            "codes": len(CODES),
            "rounds": args.rounds,
            "same": same,
            "load": os.getloadavg()[0],
            **{
                f"{k}_{m}_ms_median": round(statistics.median(v[m]) * 1000, 1)
                for k, v in times.items()
                for m in ("wall", "cpu")
            },
        }
        print(json.dumps(out))
    finally:
        store.close()


if __name__ == "__main__":
    main()
