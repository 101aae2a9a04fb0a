"""What an import makes, in one file, to compare two versions of the import's code (issue 18:
a faster import must make the same graph and the same report of bad rows).

    PYTHONHASHSEED=0 PYTHONPATH=$PWD python tools/import_fingerprint.py DIR OUT.txt
    python tools/import_fingerprint.py --compare BEFORE.txt AFTER.txt

Into a fresh embedded FalkorDB (a temporary data directory): the seed files, the import of
``DIR``, then the same import again (the re-import, which replaces the graph). ``OUT.txt``
holds, in this order: the first import's summary without its timings (JSON, keys sorted), its
``--report`` CSV of every left-out row, the re-import's summary, then the graph as ``cmq
export`` writes it (graph/ingest/backup.py: every node and relationship with all its
properties, in a fixed order) without the export's date. Prints the SHA-256 of each part.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(ROOT))

PARTS = ("summary", "report", "reimport summary", "graph")
SEPARATOR = "\n=== {} ===\n"


def _plain(value: Any) -> Any:
    """``value`` as JSON can write it, in a fixed order: keys as text (a tuple's ``repr``),
    sets sorted."""
    if isinstance(value, dict):
        return {k if isinstance(k, str) else repr(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=repr)
    return value


def _summary(summary: Any) -> str:
    """The summary as JSON, without its timings (they differ from run to run)."""
    d = dataclasses.asdict(summary)
    d.pop("timings", None)
    return json.dumps(_plain(d), sort_keys=True, ensure_ascii=False, indent=1, default=str)


class _Live:
    """The store as the export reads it, without the snapshot (a ``GRAPH.COPY`` of the graph
    the re-import just swapped in: seen to wait past the write timeout on a loaded machine,
    the server forking for its append-only file meanwhile); nothing writes here meanwhile."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.engine = store.engine

    def snapshot(self) -> Any:
        return contextlib.nullcontext(self.store)


def fingerprint(directory: Path) -> dict[str, str]:
    from graph.engines.falkordb_store import FalkorDBStore
    from graph.ingest.backup import export_graph
    from graph.ingest.opendata import run_import
    from graph.ingest.opendata.report import write_report
    from graph.ingest.seed_loader import load_seeds
    from graph.ingest.seeds import load_seed_dir
    from graph.settings import Settings

    with tempfile.TemporaryDirectory(prefix="cmq-fingerprint-") as tmp:
        store = FalkorDBStore(
            Settings(graph_uri="embedded", data_dir=Path(tmp) / "db", query_timeout_ms=600_000)
        )
        try:
            load_seeds(store, load_seed_dir(ROOT / "seeds"))
            first = run_import(store, directory)
            report = Path(tmp) / "report.csv"
            write_report(first, report)
            report_text = report.read_text(encoding="utf-8")
            again = run_import(store, directory)
            graph = io.StringIO()
            export_graph(_Live(store), graph)  # type: ignore[arg-type]
        finally:
            store.close()
    header, _, body = graph.getvalue().partition("\n")
    head = json.loads(header)
    head.pop("exported_at", None)
    return {
        "summary": _summary(first),
        "report": report_text,
        "reimport summary": _summary(again),
        "graph": json.dumps(head, sort_keys=True) + "\n" + body,
    }


def _read(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for part in reversed(PARTS):
        text, _, out[part] = text.rpartition(SEPARATOR.format(part))
    return out


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", type=Path, help="DIR OUT.txt, or BEFORE AFTER")
    ap.add_argument("--compare", action="store_true", help="compare two fingerprints")
    args = ap.parse_args(argv)
    if len(args.paths) != 2:
        ap.error("two paths")
    if args.compare:
        a, b = (_read(p) for p in args.paths)
        same = True
        for part in PARTS:
            equal = a[part] == b[part]
            same = same and equal
            lines = (a[part].count("\n"), b[part].count("\n"))
            print(f"{part}: {'equal' if equal else 'DIFFERENT'} ({lines[0]} / {lines[1]} lines)")
        return 0 if same else 1
    parts = fingerprint(args.paths[0])
    args.paths[1].write_text(
        "".join(SEPARATOR.format(p) + parts[p] for p in PARTS), encoding="utf-8"
    )
    for part in PARTS:
        print(f"{part}: {parts[part].count(chr(10))} lines, SHA-256 {_digest(parts[part])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
