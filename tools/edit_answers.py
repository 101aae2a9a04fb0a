"""The answers of a fixed set of pathway questions after each of a series of edits, as JSON
lines, to compare two versions of the code on the same graph, or a cache carried over the
edits with one filled afresh (an edit must change no answer beyond what it changed, and a
faster carry must change none at all).

    python tools/edit_answers.py --data-dir DIR QUESTIONS.json OUT.jsonl [--fresh] [--edits N]
    python tools/edit_answers.py --compare A.jsonl B.jsonl

``QUESTIONS.json``: a list of ``PathwayRequest`` fields (HTTP query-string values; keys
starting with ``_`` are ignored, e.g. bench/pathways.py's ``_id``). The edits, worked out
from the answers before any edit: for each question whose first pathway has a second step
with an offer, an offer of that step's diploma by that offer's establishment, in continuing
education, created, then deleted at the next edit (as bench/pathways.py's ``after_edit``),
so that the graph is as before once the tool ends (but for its version and change log).
After each edit, every question is asked again (``find_pathways`` in process): with the
cache carried over the edits as the API carries it (the default), or, with ``--fresh``,
with the cache dropped and filled again by a whole preload after each edit. Run with
``PYTHONHASHSEED=0`` on both sides.
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

from graph.edits import OfferCreate, OfferDelete, create_offer, delete_offer  # noqa: E402
from graph.engines.factory import open_store  # noqa: E402
from graph.errors import GraphError  # noqa: E402
from graph.pathways import PathwayRequest, build_query, find_pathways  # noqa: E402
from graph.pathways.data import forget, keep_warm, pathway_data  # noqa: E402
from graph.settings import Settings  # noqa: E402

SOURCE = "tools/edit_answers.py: an offer created, then deleted"


def _warm(store: Any) -> None:
    """A whole preload, then the near thread's indexes, as a worker makes them at start-up."""
    forget(store)
    keep_warm(store)
    data = pathway_data(store)
    if data.preload_thread is not None:
        data.preload_thread.join()
    while data.preloaded_s is not None and data.near_s is None:
        thread = data.near_thread
        if thread is not None:
            thread.join()
        else:
            time.sleep(0.01)
        if thread is not None and data.near_s is None:
            break  # the near thread stopped (a newer version): nothing to wait for


def _answers(store: Any, questions: list[dict[str, Any]]) -> list[str]:
    out = []
    for q in questions:
        fields = {k: v for k, v in q.items() if not k.startswith("_")}
        try:
            answer = find_pathways(store, build_query(store, PathwayRequest.model_validate(fields)))
            out.append(answer.model_dump_json())
        except GraphError as exc:
            out.append(json.dumps({"refused": str(exc)}))
    return out


def _plans(store: Any, questions: list[dict[str, Any]]) -> list[tuple[str, str]]:
    plans: list[tuple[str, str]] = []
    for text in _answers(store, questions):
        answer = json.loads(text)
        pathways = answer.get("pathways") or []
        steps = pathways[0]["steps"] if pathways else []
        if len(steps) > 1 and steps[1].get("offers"):
            plan = (steps[1]["offers"][0]["actor_id"], steps[1]["code"])
            if plan not in plans:
                plans.append(plan)
    return plans


def _delete(store: Any, created: tuple[str, str]) -> None:
    """The offer an edit of the series created (actor, diploma), in continuing education."""
    actor, code = created
    delete_offer(
        store,
        "tools",
        OfferDelete(actor=actor, diploma=code, modality="continuing", source=SOURCE),
    )


def run(
    data_dir: Path, questions: list[dict[str, Any]], out: Path, *, fresh: bool, edits: int
) -> None:
    store = open_store(Settings(graph_uri="embedded", data_dir=data_dir))
    lines: list[str] = []
    try:
        _warm(store)
        plans = _plans(store, questions)
        created: tuple[str, str] | None = None
        for i in range(edits):
            if not plans:
                break
            if created is not None:
                _delete(store, created)
                done, created = f"deleted {created}", None
            else:
                actor, code = plans[(i // 2) % len(plans)]
                create_offer(
                    store,
                    "tools",
                    OfferCreate(actor=actor, diploma=code, modality="continuing", source=SOURCE),
                )
                done, created = f"created {(actor, code)}", (actor, code)
            if fresh:
                _warm(store)
            for k, text in enumerate(_answers(store, questions)):
                lines.append(json.dumps({"edit": i, "done": done, "question": k, "answer": text}))
        if created is not None:
            _delete(store, created)
    finally:
        store.close()
    out.write_text("\n".join(lines) + "\n")
    print(f"{len(lines)} answers after {edits} edits ({len(plans)} plans) -> {out}")


def compare(a: Path, b: Path) -> int:
    left = a.read_text().splitlines()
    right = b.read_text().splitlines()
    if len(left) != len(right):
        print(f"different counts: {len(left)} against {len(right)}")
        return 1
    differ = [i for i, (x, y) in enumerate(zip(left, right, strict=True)) if x != y]
    for i in differ[:5]:
        x = json.loads(left[i])
        print(f"line {i}: edit {x['edit']} ({x['done']}), question {x['question']} differ")
    print(f"{len(left) - len(differ)} of {len(left)} answers identical")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--fresh", action="store_true", help="a whole preload after each edit")
    ap.add_argument("--edits", type=int, default=8)
    ap.add_argument("questions", nargs="?", type=Path)
    ap.add_argument("out", nargs="?", type=Path)
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if args.data_dir is None or args.questions is None or args.out is None:
        ap.error("--data-dir, QUESTIONS and OUT are needed (or --compare A B)")
    questions = json.loads(args.questions.read_text())
    run(args.data_dir, questions, args.out, fresh=args.fresh, edits=args.edits)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
