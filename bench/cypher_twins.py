"""Whether a query and its ``_of`` twin could be one file (one JSON document on stdout).

    .venv/bin/python bench/cypher_twins.py [--engines falkordb,neo4j] [--opendata DIR] [--reps 15]

Three production queries have a copy that reads given diplomas or establishments only:
``coverage_offers`` / ``coverage_offers_of``, ``pathway_programme_territories`` / ``_of`` and
``gaps_actors`` (already written with ``$ids IS NULL OR n.id IN $ids``) / ``gaps_actors_of``.
The merged candidates (``bench/cypher/twins/*_any.cypher``: the filter ``$codes IS NULL OR
d.code IN $codes``) are timed against both files on each engine, on the production graph
(``seeds/`` then the national files imported, as ``bench/engines.py --sizes national``):

- ``all``: the read without a list (the first search of a graph version in a territory, the
  gap report's territory): production file vs merged file with ``$codes`` null
  (``--reps-all`` runs; 3 for the whole country);
- ``of``: the read of a few diplomas (after an edit, the pathway cache reads again only the
  diplomas it touched) or of a list of ids (a gap report's partners outside its territory):
  ``_of`` file vs merged file with the list.

Each case: ``--warmup`` runs, then its runs alternating the two files; median and p90
in ms, rows returned (equal rows are checked). Progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.engines import DEFAULT_OPENDATA, fill, make_size, open_engine  # noqa: E402
from bench.pathways import machine  # noqa: E402
from graph.cypher import CYPHER_DIR, ENGINES, CypherLibrary  # noqa: E402
from graph.territory import resolve_territory  # noqa: E402

TWINS = Path(__file__).resolve().parent / "cypher" / "twins"
TERRITORIES: dict[str, dict[str, Any]] = {
    "departement_35": {"departements": "35"},
    "departements_12_46": {"departements": "12,46"},
    "region_76": {"region": "76"},
    "near_nice_30km": {"near": "43.703,7.266", "radius_km": 30.0},
    "anywhere": {},
}


def log(msg: str) -> None:
    print(f"[twins] {msg}", file=sys.stderr, flush=True)


def library(engine: str, work: Path) -> CypherLibrary:
    """The production queries and the merged candidates in one library."""
    root = work / f"cypher-{engine}"
    shutil.copytree(CYPHER_DIR, root)
    for f in TWINS.glob("*.cypher"):
        shutil.copy(f, root / f.name)
    return CypherLibrary(engine, root=root)


def timed(store: Any, name: str, params: dict[str, Any]) -> tuple[float, list[Any]]:
    t0 = time.perf_counter()
    rows = store.read(name, **params)
    return (time.perf_counter() - t0) * 1000, rows


def _key(rows: list[Any]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


def compare(
    store: Any, a: tuple[str, dict[str, Any]], b: tuple[str, dict[str, Any]], reps: int, warmup: int
) -> dict[str, Any]:
    """The two reads alternated; their times and whether they return the same rows."""
    for _ in range(warmup):
        timed(store, *a)
        timed(store, *b)
    ta: list[float] = []
    tb: list[float] = []
    rows_a: list[Any] = []
    rows_b: list[Any] = []
    for i in range(reps):
        first, second = (a, b) if i % 2 == 0 else (b, a)
        t1, r1 = timed(store, *first)
        t2, r2 = timed(store, *second)
        if first is a:
            ta.append(t1)
            tb.append(t2)
            rows_a, rows_b = r1, r2
        else:
            tb.append(t1)
            ta.append(t2)
            rows_b, rows_a = r1, r2

    def summary(ts: list[float]) -> dict[str, float]:
        s = sorted(ts)
        return {"p50": round(statistics.median(s), 2), "p90": round(s[int(0.9 * (len(s) - 1))], 2)}

    sa, sb = summary(ta), summary(tb)
    return {
        a[0]: sa,
        b[0]: sb,
        "ratio_p50": round(sb["p50"] / sa["p50"], 2) if sa["p50"] else None,
        "rows": len(rows_a),
        "same_rows": _key(rows_a) == _key(rows_b),
    }


def cases(store: Any) -> list[tuple[str, tuple[str, dict[str, Any]], tuple[str, dict[str, Any]]]]:
    out = []
    for label, fields in TERRITORIES.items():
        t = resolve_territory(
            store,
            campus=None,
            departements=fields.get("departements"),
            region=fields.get("region"),
            near=fields.get("near"),
            radius_km=fields.get("radius_km"),
        )
        params = t.query_params()
        out.append(
            (
                f"coverage_offers.all.{label}",
                ("coverage_offers", params),
                ("coverage_offers_any", {**params, "codes": None}),
            )
        )
        # the diplomas an edit of offers touches: five of the territory's most offered
        rows = store.read("coverage_offers", **params)
        counts: dict[str, int] = {}
        for r in rows:
            counts[r["diploma"]["code"]] = counts.get(r["diploma"]["code"], 0) + 1
        codes = sorted(sorted(counts, key=lambda c: -counts[c])[:5])
        out.append(
            (
                f"coverage_offers.of5.{label}",
                ("coverage_offers_of", {**params, "codes": codes}),
                ("coverage_offers_any", {**params, "codes": codes}),
            )
        )
    seeds = sorted(r["code"] for r in store.read("pathway_programme_territories"))
    out.append(
        (
            "pathway_programme_territories.all",
            ("pathway_programme_territories", {}),
            ("pathway_programme_territories_any", {"codes": None}),
        )
    )
    out.append(
        (
            "pathway_programme_territories.of5",
            ("pathway_programme_territories_of", {"codes": seeds[:5]}),
            ("pathway_programme_territories_any", {"codes": seeds[:5]}),
        )
    )
    everywhere = {
        "restrict": False,
        "departements": None,
        "region": None,
        "campus": None,
        "min_lat": None,
        "max_lat": None,
        "min_lon": None,
        "max_lon": None,
    }
    actors = sorted(r["id"] for r in store.read("gaps_actors", ids=None, **everywhere))
    for n in (50, 1000):
        ids = actors[:: max(1, len(actors) // n)][:n]
        out.append(
            (
                f"gaps_actors.of{n}",
                ("gaps_actors_of", {"ids": ids}),
                ("gaps_actors", {**everywhere, "ids": ids}),
            )
        )
    return out


def bench_engine(engine: str, args: Any, work: Path) -> dict[str, Any]:
    size = make_size("national", args)
    with open_engine(engine, work) as store:
        log(f"{engine}: filling")
        filled = fill(store, size)
        log(f"{engine}: filled {filled.get('import_s')} s")
        store.library = library(engine, work)
        results = {}
        for label, a, b in cases(store):
            # a read of every offer of the country (~60 000 rows, seconds) a few times only
            reps = args.reps_all if ".all." in label else args.reps
            if label.endswith(".all.anywhere"):
                reps, warmup = 3, 1
            else:
                warmup = args.warmup
            results[label] = compare(store, a, b, reps, warmup)
            log(f"{engine} {label}: {results[label]}")
    return {"fill": filled, "cases": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="falkordb,neo4j")
    parser.add_argument("--opendata", type=Path, default=DEFAULT_OPENDATA)
    parser.add_argument("--reps", type=int, default=15, help="runs of each read of a list")
    parser.add_argument("--reps-all", type=int, default=7, help="runs of each territory read")
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args(argv)
    out: dict[str, Any] = {"machine": machine(), "engines": {}}
    for engine in args.engines.split(","):
        if engine not in ENGINES:
            raise SystemExit(f"unknown engine {engine!r}")
        with tempfile.TemporaryDirectory(prefix="cmq-twins-") as tmp:
            out["engines"][engine] = bench_engine(engine, args, Path(tmp))
    out["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
