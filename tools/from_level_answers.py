"""The answers of a fixed set of searches from a level, as JSON, to compare two versions of
the code on the same graph (issue 18: a faster search from a level must change no answer).

    CMQ_DATA_DIR=... python tools/from_level_answers.py OUT.json
    python tools/from_level_answers.py --compare BEFORE.json AFTER.json [--ignore notes]

The questions: levels 2 to 5 as starts, in several régions (Guadeloupe among them),
départements, a radius and no territory; goals by level, diploma type, diploma code and job;
the apprenticeship and school modalities; limits 3, 6 and 10. Each answer is the whole
``PathwayAnswer`` (every pathway, score, term, establishment, sentence, count and notice) as
``find_pathways`` returns it, in process, the pathway cache warm. A question the request
refuses (4xx) is recorded with its message, so that both versions refuse the same ones.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(ROOT))

from graph.engines.factory import open_store  # noqa: E402
from graph.errors import GraphError  # noqa: E402
from graph.pathways import PathwayRequest, build_query, find_pathways  # noqa: E402
from graph.pathways.data import keep_warm, pathway_data  # noqa: E402
from graph.settings import Settings  # noqa: E402

TERRITORIES: list[dict[str, Any]] = [
    {"region": "01"},  # Guadeloupe
    {"region": "84"},  # Auvergne-Rhône-Alpes
    {"region": "53"},  # Bretagne
    {"region": "11"},  # Île-de-France
    {"region": "76"},  # Occitanie
    {"departements": "12,46"},
    {"departements": "63"},
    {"near": "45.7640,4.8357", "radius_km": 40},
    {},
]
NEXT_TYPE = {3: "bac_pro", 4: "bts", 5: "licence_pro"}
# goals named by code: BTS MCO (management commercial opérationnel), Bac pro MELEC
GOAL_CODES = {4: "32031213", 3: "40025510"}
JOBS = ["H2913", "D1214", "M1607"]


def questions() -> list[dict[str, Any]]:
    """The questions, each a ``PathwayRequest``'s fields (HTTP query-string values)."""
    out: list[dict[str, Any]] = []
    for where in TERRITORIES:
        out.append({"from_level": 2, "to_level": 3, "limit": 6, **where})
        for level in (3, 4):
            out += [
                {"from_level": level, "to_level": level + 1, **where},
                {"from_level": level, "to_level": level + 2, "limit": 3, **where},
                {"from_level": level, "to_type": NEXT_TYPE[level], "limit": 6, **where},
                {
                    "from_level": level,
                    "to_level": level + 1,
                    "modality": "apprenticeship",
                    "limit": 6,
                    **where,
                },
                {"from_level": level, "to_level": level + 1, "modality": "school", **where},
                {"from_level": level, "to": GOAL_CODES[level], **where},
            ]
        out.append({"from_level": 5, "to_level": 6, **where})
        out.append({"from_level": 4, "to_level": 5, "max_steps": 2, "limit": 6, **where})
    for where in TERRITORIES[:3] + TERRITORIES[5:6]:
        for job in JOBS:
            out.append({"from_level": 4, "job": job, "limit": 6, **where})
            out.append({"from_level": 3, "job": job, **where})
    return out


def answers(store: Any) -> dict[str, Any]:
    """Every question's answer (or refusal), keyed by the question as sorted JSON."""
    out: dict[str, Any] = {}
    for fields in questions():
        key = json.dumps(fields, sort_keys=True)
        try:
            q = build_query(store, PathwayRequest.model_validate(fields))
            out[key] = find_pathways(store, q).model_dump(mode="json")
        except (GraphError, ValueError) as e:
            out[key] = {"refused": type(e).__name__, "message": str(e)}
    return out


def without_step_fields(answer: Any, fields: frozenset[str]) -> Any:
    """An answer with the named fields of its pathways' steps removed (a field one version
    adds); a refusal as it is.

    >>> without_step_fields({"pathways": [{"steps": [{"a": 1, "notes": []}]}]}, frozenset({"notes"}))
    {'pathways': [{'steps': [{'a': 1}]}]}
    """  # noqa: E501
    if not fields or not isinstance(answer, dict):
        return answer
    for p in answer.get("pathways") or ():
        for st in p.get("steps") or ():
            for f in fields:
                st.pop(f, None)
    return answer


def compare(
    before: dict[str, Any], after: dict[str, Any], ignore: frozenset[str] = frozenset()
) -> list[str]:
    """The questions whose answers differ (or are missing on one side), ``ignore``: step
    fields left out on both sides."""
    a = {k: without_step_fields(v, ignore) for k, v in before.items()}
    b = {k: without_step_fields(v, ignore) for k, v in after.items()}
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, help="where to write the answers (JSON)")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    ap.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="FIELD",
        help="with --compare: a field of the steps one version adds, left out (repeatable)",
    )
    args = ap.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text()) for p in args.compare)
        diff = compare(before, after, frozenset(args.ignore))
        print(json.dumps({"questions": len(before), "different": diff}, indent=1))
        return 1 if diff else 0
    if args.out is None:
        ap.error("give OUT.json or --compare BEFORE AFTER")
    store = open_store(Settings.from_env())
    try:
        keep_warm(store)
        thread = pathway_data(store).preload_thread
        if thread is not None:
            thread.join()
        t0 = time.perf_counter()
        found = answers(store)
        elapsed = time.perf_counter() - t0
    finally:
        store.close()
    args.out.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True))
    refused = sum(1 for a in found.values() if "refused" in a)
    print(json.dumps({"questions": len(found), "refused": refused, "s": round(elapsed, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
