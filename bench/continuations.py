"""Measure the pathway answers against the continuation reference. One JSON out.

    .venv/bin/python bench/continuations.py OPEN_DATA_DIR [--data-dir DIR] [--reuse]
        [--reference tests/fixtures/continuations/reference.toml] [--departements 3]

Imports OPEN_DATA_DIR (the national files) with the seed files into a fresh embedded FalkorDB
(``--data-dir``, a temporary one by default; ``--reuse`` measures an existing import there), then
for each reference pair asks the pathway question a counsellor asks — "which BTS after this Bac
pro?" (``to_type = bts``), "which Bac pro after this CAP?" (``to_type = bac_pro``), one step — and
reports whether the expected continuation (or, where the BCN closed it, its renovation) is
first and in the top 3, nationally and in the three
départements where the expected continuation has the most offers (those where the origin is
offered too first: the Affelnet files list a Bac pro taught after a common 2nde under the
2nde). It lists every forbidden pair whose target reaches a top 5 (same questions).

Rows an importer rejects (identifiers that are not UAI codes…) make ``cmq import opendata`` stop
until the importer skips and reports them; until then the import runs on a copy of OPEN_DATA_DIR
without those rows, and the JSON says how many were dropped from which file.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.errors import SeedError  # noqa: E402
from graph.models import DiplomaType  # noqa: E402
from graph.pathways import PathwayQuery, find_pathways  # noqa: E402
from graph.store import GraphStore  # noqa: E402
from graph.territory import Territory  # noqa: E402

REFERENCE = ROOT / "tests" / "fixtures" / "continuations" / "reference.toml"
_LINE = re.compile(r"^line (\d+)")
_ENCODINGS = {"nFormationDiplome_.csv": "cp1252", "CFASousConvRegionale_latest-UAI.csv": "latin-1"}


def _drop_line(path: Path, line: int) -> None:
    """Remove the CSV record ending at physical line ``line`` (as csv.reader counts)."""
    raw = path.read_bytes()
    encoding = _ENCODINGS.get(path.name, "utf-8")
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    crlf = "\r\n" in text
    delimiter = "," if path.name.startswith("fr-esr-parcoursup") else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    for row in reader:
        if reader.line_num != line:
            writer.writerow(row)
    data = out.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def importable_copy(source: Path, target: Path, store: GraphStore) -> dict[str, int]:
    """Copy ``source`` and drop, one by one, the rows the importer rejects (dry runs)."""
    from graph.ingest.opendata import run_import

    shutil.copytree(source, target)
    dropped: Counter[str] = Counter()
    for _ in range(1000):
        try:
            run_import(store, target, dry_run=True)
            return dict(dropped)
        except SeedError as exc:
            m = _LINE.match(exc.record)
            if not m or exc.path.parent != target or m.group(1) == "1":
                raise
            _drop_line(exc.path, int(m.group(1)))
            dropped[exc.path.name] += 1
    raise RuntimeError("more than 1000 rejected rows")


def _next_codes(store: GraphStore, start: str, to_type: str, deps: list[str] | None) -> list[str]:
    """The continuations of ``start`` in the order of the pathway answer (one step)."""
    q = PathwayQuery(
        start_codes=[start],
        start_label=start,
        to_type=DiplomaType(to_type),
        territory=Territory(departements=deps) if deps else Territory(),
        max_steps=1,
        limit=10,
    )
    out: list[str] = []
    for p in find_pathways(store, q).pathways:
        code = p.steps[-1].code
        if code not in out:
            out.append(code)
    return out


def _offer_departements(store: GraphStore, codes: list[str]) -> Counter[str]:
    rows = store.read("pathway_offers_of", codes=codes)
    return Counter(r["offer"][2] for r in rows if r["offer"][2])


def accepted(expected: set[str], brief: Any) -> set[str]:
    """The expected codes with the renovations (``RENAMED_TO``) of those the BCN has closed,
    followed on through closed ones: BTS Conception et réalisation de carrosserie, closed on
    31/08/2026, is continued by its renovation, which the answers propose in its place.
    ``brief(codes)``: rows of cypher/diplomas_brief.cypher.

    >>> rows = {"OLD": {"d": {"code": "OLD", "closed": True}, "successors": ["NEW"]},
    ...         "NEW": {"d": {"code": "NEW", "closed": None}, "successors": []},
    ...         "OPEN": {"d": {"code": "OPEN", "closed": None}, "successors": ["NEXT"]}}
    >>> sorted(accepted({"OLD", "OPEN"}, lambda codes: [rows[c] for c in codes if c in rows]))
    ['NEW', 'OLD', 'OPEN']
    """
    out, frontier = set(expected), sorted(expected)
    while frontier:
        nxt = {
            s
            for r in brief(frontier)
            if r["d"].get("closed")
            for s in r["successors"]
            if s not in out
        }
        out |= nxt
        frontier = sorted(nxt)
    return out


def measure(store: GraphStore, reference: dict[str, Any], n_deps: int) -> dict[str, Any]:
    pairs: list[dict[str, Any]] = []
    forbidden_hits: list[dict[str, Any]] = []
    forbidden = [f for f in reference.get("forbidden", [])]
    for p in reference["pair"]:
        to_type = "bts" if p["kind"] == "bac_pro" else "bac_pro"
        expected = accepted(
            set(p["to"]) | set(p.get("predecessors", ())),
            lambda codes: store.read("diplomas_brief", codes=codes),
        )
        origin_deps = _offer_departements(store, [p["from"]])
        target_deps = _offer_departements(store, sorted(expected))
        # where the expected continuation has the most offers, the origin's first
        ranked_deps = [d for d, _ in target_deps.most_common()]
        deps = ([d for d in ranked_deps if d in origin_deps] + ranked_deps)[:n_deps]
        deps = list(dict.fromkeys(deps))[:n_deps]
        row: dict[str, Any] = {
            "from": p["from"],
            "name": p["from_name"],
            "expected": p["to_name"],
            "status": p["status"],
        }
        for scope, dep in [("national", None), *[(f"dep {d}", [d]) for d in deps]]:
            ranked = _next_codes(store, p["from"], to_type, dep)
            hit = [i for i, c in enumerate(ranked) if c in expected]
            row[scope] = {
                "first": bool(hit) and hit[0] == 0,
                "top3": bool(hit) and hit[0] < 3,
                "rank": hit[0] + 1 if hit else None,
                "top5": ranked[:5],
            }
            for f in forbidden:
                if f["from"] == p["from"]:
                    bad = [c for c in ranked[:5] if c in set(f["to"])]
                    if bad:
                        forbidden_hits.append(
                            {"from": f["from"], "to": bad, "reason": f["reason"], "scope": scope}
                        )
        pairs.append(row)
    checks = [v for r in pairs for k, v in r.items() if isinstance(v, dict)]
    national = [r["national"] for r in pairs]
    return {
        "pairs": pairs,
        "forbidden_in_top5": forbidden_hits,
        "summary": {
            "pairs": len(pairs),
            "national_first": sum(c["first"] for c in national),
            "national_top3": sum(c["top3"] for c in national),
            "checks": len(checks),
            "first_share": round(sum(c["first"] for c in checks) / len(checks), 3),
            "top3_share": round(sum(c["top3"] for c in checks) / len(checks), 3),
            "forbidden_in_top5": len(forbidden_hits),
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("opendata", type=Path)
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--reuse", action="store_true", help="measure the import already in data-dir")
    ap.add_argument("--reference", type=Path, default=REFERENCE)
    ap.add_argument("--departements", type=int, default=3)
    a = ap.parse_args()

    from graph.engines.falkordb_store import FalkorDBStore
    from graph.ingest.opendata import run_import
    from graph.ingest.seed_loader import load_seeds
    from graph.ingest.seeds import load_seed_dir
    from graph.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="cmq-continuations-"))
    data_dir = a.data_dir or work / "db"
    store = FalkorDBStore(
        Settings(graph_uri="embedded", data_dir=data_dir, query_timeout_ms=600_000)
    )
    out: dict[str, Any] = {"opendata": a.opendata.name}
    try:
        if not a.reuse:
            load_seeds(store, load_seed_dir(ROOT / "seeds"))
            t0 = time.perf_counter()
            dropped = importable_copy(a.opendata, work / "opendata", store)
            run_import(store, work / "opendata")
            out["import_s"] = round(time.perf_counter() - t0, 1)
            out["rows_dropped_before_import"] = dropped
        t0 = time.perf_counter()
        reference = tomllib.loads(a.reference.read_text(encoding="utf-8"))
        out.update(measure(store, reference, a.departements))
        out["measure_s"] = round(time.perf_counter() - t0, 1)
    finally:
        store.close()
        shutil.rmtree(work / "opendata", ignore_errors=True)
        if a.data_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
