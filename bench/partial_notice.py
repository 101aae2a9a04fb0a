"""What the partial-answer notice costs a search (graph/pathways/partial.py), in process.

    .venv/bin/python bench/partial_notice.py [--scale 1.0] [--reps 5]

On the synthetic national graph of ``bench/pathways.py`` (embedded FalkorDB, the pathway cache
preloaded as the API does), for the questions of that bench (its ten questions and their
``from_level`` variants): the time of :func:`graph.pathways.partial.partial_answer` on the
question's pathways, the first time in a graph version (the territory's goal diplomas worked
out from the cache in memory) and again (kept per version), beside the time of the whole search
(``find_pathways``, which includes it), as CPU time of this thread (``time.thread_time_ns``:
the machine's load inflates it far less than wall time; the notice reads nothing from the
database once the cache is filled). The notice's share of a search is what it may add to
the bench's p95. One JSON document goes to stdout; progress to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and the project importable
    sys.path.insert(0, str(ROOT))

from bench.nx_pathways import NxPathways  # noqa: E402
from bench.pathways import (  # noqa: E402
    build_queries,
    core_query,
    load,
    open_store,
    percentile,
    pick_starts,
)
from bench.synthetic import generate  # noqa: E402
from graph.pathways import PathwayRequest, build_query, find_pathways  # noqa: E402
from graph.pathways.data import PathwayData, keep_warm, pathway_data  # noqa: E402
from graph.pathways.explanation import goal_label  # noqa: E402
from graph.pathways.find import goal_of_job  # noqa: E402
from graph.pathways.partial import partial_answer  # noqa: E402
from graph.pathways.query import PathwayQuery  # noqa: E402
from graph.store import GraphStore  # noqa: E402


def _ms(ns: int) -> float:
    return round(ns / 1e6, 3)


def _keys(store: GraphStore, q: PathwayQuery) -> tuple[list[tuple[str, ...]], int, bool]:
    """The shown pathways' codes (the start first), the search's CPU time in this thread
    (its database reads not counted: the server's), and whether the answer had the notice."""
    t = time.thread_time_ns()
    answer = find_pathways(store, q)
    ns = time.thread_time_ns() - t
    keys = [tuple(st.code for st in p.steps) for p in answer.pathways]
    return keys, ns, answer.unreached_goals is not None


def _notice_ns(store: GraphStore, q: PathwayQuery, keys: list[tuple[str, ...]]) -> int:
    """The notice's CPU time in this thread (the machine's load inflates it far less than the
    wall time: it reads nothing from the database once the cache is filled)."""
    data = pathway_data(store)
    job = goal_of_job(store, data, q)
    goal_codes = set(job.codes) if job is not None else None
    t = time.thread_time_ns()
    partial_answer(store, data, q, goal_codes, keys)
    return time.thread_time_ns() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reps", type=int, default=5, help="repeats of each (kept) measure")
    args = ap.parse_args(argv)
    out: dict[str, Any] = {"loadavg_start": [round(x, 2) for x in os.getloadavg()]}
    seeds = generate(args.scale, args.seed)
    with tempfile.TemporaryDirectory(prefix="cmq-bench-partial-") as tmp:
        store = open_store(Path(tmp) / "db")
        try:
            load(store, seeds, inferred=False)
            nxp = NxPathways.from_store(store)
            queries = build_queries(nxp, pick_starts(nxp, seeds, national=True))
            qs = [core_query(store, spec) for spec in queries]
            for spec in queries:
                where = {k: spec[k] for k in ("departements", "near", "radius_km") if spec.get(k)}
                for level in (3, 4):
                    req = {"from_level": level, "to_level": level + 2, **where}
                    qs.append(build_query(store, PathwayRequest.model_validate(req)))
            keep_warm(store)
            thread = pathway_data(store).preload_thread
            assert thread is not None
            thread.join()
            rows: list[dict[str, Any]] = []
            for q in qs:
                keys, search_ns, said = _keys(store, q)
                data: PathwayData = pathway_data(store)
                data._kept.clear()  # the first time in this version
                first = _notice_ns(store, q, keys)
                again = sorted(_notice_ns(store, q, keys) for _ in range(args.reps))
                timed = sorted(_keys(store, q)[1] for _ in range(args.reps))
                rows.append(
                    {
                        "question": f"{q.start_label[:40]} → {goal_label(q)}",
                        "territory": q.territory.describe(),
                        "notice": said,
                        "notice_first_ms": _ms(first),
                        "notice_kept_ms": _ms(again[len(again) // 2]),
                        "search_ms": _ms(timed[len(timed) // 2]),
                        "first_search_ms": _ms(search_ns),
                    }
                )
                print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
        finally:
            store.close()
    firsts: list[float] = [r["notice_first_ms"] for r in rows]
    kept: list[float] = [r["notice_kept_ms"] for r in rows]
    searches: list[float] = [r["search_ms"] for r in rows]
    out["questions"] = rows
    out["summary"] = {
        "questions": len(rows),
        "with_notice": sum(1 for r in rows if r["notice"]),
        "notice_first_ms": {"p50": percentile(firsts, 50), "max": max(firsts)},
        "notice_kept_ms": {"p50": percentile(kept, 50), "max": max(kept)},
        "search_ms": {"p50": percentile(searches, 50), "max": max(searches)},
    }
    out["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
