"""The JSON bodies ``GET /pathways`` sends for a fixed set of questions, to compare two versions
of the code on the same graph (issue 18: a faster answer must send the same bytes).

    CMQ_DATA_DIR=... python tools/pathway_bodies.py OUT.json [--questions Q.json]
    python tools/pathway_bodies.py --compare BEFORE.json AFTER.json [--ignore notes]

Each body is made as the route makes it for the answer cache (``build_query``, then
``find_pathways`` and the route's serialiser, ``api.routes.pathways._body``), in process, the
pathway cache warm. The questions: ``--questions`` (a list of ``PathwayRequest`` fields, keys
starting with ``_`` ignored, e.g. bench/pathways.py's queries, each asked as given, with limits
3 and 10, in apprenticeship and with another goal level), else a set drawn from the graph: 12
CAP, 12 Bac pro and 12 BTS starts (every n-th code of each type), each towards the next level
and the one after in eight territories (Aveyron and Lot, the Rhône, three départements, a
région, a radius around Lyon, a radius and home at Toulouse, Marseille as home in its
département, no territory), to a BTS in the Gironde and to level 6 in apprenticeship in
Paris and its inner suburbs. A question the request refuses is recorded with its message.
Run with ``PYTHONHASHSEED=0`` on both sides.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(ROOT))

from api.routes.pathways import _body  # noqa: E402
from graph.engines.factory import open_store  # noqa: E402
from graph.errors import GraphError  # noqa: E402
from graph.pathways import PathwayRequest, build_query  # noqa: E402
from graph.pathways.data import (  # noqa: E402
    PathwayData,
    keep_warm,
    pathway_data,
    snapshot_path,
    write_snapshot,
)
from graph.settings import Settings  # noqa: E402
from graph.store import GraphStore  # noqa: E402

TERRITORIES: list[dict[str, Any]] = [
    {"departements": "12,46"},
    {"departements": "69"},
    {"departements": "30,34,84"},
    {"region": "53"},
    {"near": "45.7640,4.8357", "radius_km": 40},
    {"near": "43.6047,1.4442", "radius_km": 60, "home": "43.6047,1.4442"},
    {"departements": "13", "home": "Marseille"},
    {},
]
STARTS_PER_TYPE = 12


def drawn(store: GraphStore, data: PathwayData) -> list[dict[str, Any]]:
    """The questions drawn from the graph (module docstring)."""
    codes = sorted(data.all_codes(store))
    rows = data.diplomas(store, codes)
    out: list[dict[str, Any]] = []
    for dtype in ("cap", "bac_pro", "bts"):
        of_type = [c for c in codes if (r := rows.get(c)) and r.get("type") == dtype]
        for code in of_type[:: max(1, len(of_type) // STARTS_PER_TYPE)][:STARTS_PER_TYPE]:
            level = rows[code].get("level") or 3
            for where in TERRITORIES:
                out.append({"from": code, "to_level": min(level + 1, 7), **where})
                out.append({"from": code, "to_level": min(level + 2, 7), "limit": 8, **where})
            out.append({"from": code, "to_type": "bts", "departements": "33"})
            out.append(
                {
                    "from": code,
                    "to_level": 6,
                    "modality": "apprenticeship",
                    "departements": "75,92,93,94",
                }
            )
    return out


def given(path: Path) -> list[dict[str, Any]]:
    """The questions of a file, each with its variants (module docstring)."""
    base = [
        {k: v for k, v in q.items() if not k.startswith("_")} for q in json.loads(path.read_text())
    ]
    out = list(base)
    for q in base:
        out += [{**q, "limit": 3}, {**q, "limit": 10}, {**q, "modality": "apprenticeship"}]
        if "to_type" in q:
            out.append({k: v for k, v in q.items() if k != "to_type"} | {"to_level": 5})
        else:
            out.append({**q, "to_level": 6})
    return out


def bodies(
    store: GraphStore, questions: list[dict[str, Any]] | None, snapshots: Path | None = None
) -> dict[str, str]:
    """Each question (as its index and JSON) -> the body sent, or the refusal. ``snapshots``:
    the preload reads the cache's snapshot there (graph/pathways/snapshot.py), written first
    when there is none, as ``cmq serve`` writes it before its workers start."""
    if snapshots is not None:
        there = (path := snapshot_path(store, snapshots)) is not None and path.is_file()
        if not there:
            print(f"snapshot {'written' if write_snapshot(store, snapshots) else 'NOT written'}")
    thread = keep_warm(store, snapshots=snapshots)
    if thread is not None:
        thread.join()
    data = pathway_data(store)
    if snapshots is not None:
        print(f"cache read from {'the snapshot' if data.from_snapshot else 'the database'}")
        if data.near_thread is not None:
            data.near_thread.join()
    asked = questions if questions is not None else drawn(store, data)
    out: dict[str, str] = {}
    for i, q in enumerate(asked):
        key = f"{i:04d} {json.dumps(q, sort_keys=True, ensure_ascii=False)}"
        try:
            query = build_query(store, PathwayRequest.model_validate(q), data=data)
            out[key] = _body(store, data, query, geojson=False).decode()
        except GraphError as exc:
            out[key] = f"refused: {type(exc).__name__}: {exc}"
    return out


def without_step_fields(body: str, fields: frozenset[str]) -> str:
    """A body with the named fields of its pathways' steps removed (a field one version adds,
    the rest compared byte for byte: re-serialised in the same key order, ensure_ascii as
    the route's JSON); a refusal, or a body without pathways, as it is.

    >>> without_step_fields('{"pathways":[{"steps":[{"a":1,"notes":["é"]}]}]}', frozenset({"notes"}))
    '{"pathways":[{"steps":[{"a":1}]}]}'
    """  # noqa: E501
    if not fields or body.startswith("refused: "):
        return body
    got = json.loads(body)
    for p in got.get("pathways") or ():
        for st in p.get("steps") or ():
            for f in fields:
                st.pop(f, None)
    return json.dumps(got, ensure_ascii=False, separators=(",", ":"))


def compare(before: Path, after: Path, ignore: frozenset[str] = frozenset()) -> int:
    """The questions whose bodies differ, ``ignore``: step fields left out on both sides (the
    others compared re-serialised alike, so a body that only gained them compares equal)."""
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    if a.keys() != b.keys():
        print("the two files do not hold the same questions")
        return 1
    if ignore:
        a = {k: without_step_fields(v, ignore) for k, v in a.items()}
        b = {k: without_step_fields(v, ignore) for k, v in b.items()}
    differ = [k for k in a if a[k] != b[k]]
    for k in differ[:10]:
        print(f"differs: {k}")
    refused = sum(1 for v in a.values() if v.startswith("refused: "))
    print(f"{len(a)} questions ({refused} refused), {len(differ)} bodies differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, help="where to write the bodies (JSON)")
    ap.add_argument("--questions", type=Path, help="a JSON list of questions (else drawn)")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    ap.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="FIELD",
        help="with --compare: a field of the steps one version adds, left out (repeatable)",
    )
    ap.add_argument(
        "--snapshots",
        type=Path,
        help="preload from the cache's snapshot in this directory (written first if none)",
    )
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare, frozenset(args.ignore))
    if args.out is None:
        ap.error("OUT.json or --compare BEFORE AFTER")
    store = open_store(Settings.from_env())
    try:
        got = bodies(store, given(args.questions) if args.questions else None, args.snapshots)
    finally:
        store.close()
    args.out.write_text(json.dumps(got, ensure_ascii=False, indent=0))
    print(f"{len(got)} bodies written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
