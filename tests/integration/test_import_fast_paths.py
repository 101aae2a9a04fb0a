"""The import's fast paths (issue 18) give the graph and the report of the paths they replace.

Two imports of the national fixtures (tests/fixtures/opendata_national, every rejected row of
the country among others) into two embedded FalkorDB databases holding the same seeds:

- the product as it is (the activity files parsed by a forked process, graph/ingest/opendata/
  ahead.py);
- the reference paths: every file parsed in order in this process, every activity row checked
  by pydantic (``OfferModel``), every parameter checked by ``check_param`` and written by
  falkordb-py's own serialiser, and every offer written by its Cypher statement (not in bulk,
  graph/engines/falkordb_bulk.py).

Every node and relationship with all its properties, and the summary (rows read, used,
skipped and rejected, with lines, per file), must be equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from falkordb.graph import Graph

from graph.engines import falkordb_store
from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.opendata import rows, run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.params import check_param
from tests.conftest import make_settings
from tests.integration.test_loader import _snapshot

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_national"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MAX = 0.25  # as tests/integration/test_import_national.py: the fixture keeps the bad rows


def _reference_header(params: Mapping[str, Any]) -> str:
    return str(Graph._build_params_header(None, check_param(dict(params))))


def _import(tmp: Path, *, parallel: bool) -> tuple[tuple[list, list], dict[str, Any], int]:
    store = FalkorDBStore(make_settings(tmp / "db"))
    try:
        load_seeds(store, load_seed_dir(SEEDS))
        summary = run_import(store, FIX, max_rejected=MAX, parallel=parallel, bulk=parallel)
        snapshot = _snapshot(store)
    finally:
        store.close()
    report = summary.to_dict()
    # the number of statements differs: the bulk path links the passerelles with one
    # statement per relationship type, the Cypher path with one for all three
    for timing in ("timings", "seconds", "rows_per_s", "statements"):
        report.pop(timing, None)
    return snapshot, report, summary.rows_read


def test_fast_paths_write_the_graph_and_report_of_the_reference_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulks: list[int] = []
    real_bulk = FalkorDBStore._bulk

    def counting(self: FalkorDBStore, graph: str, st: Any, *args: Any) -> None:
        bulks.append(len(st.params["rows"]))
        real_bulk(self, graph, st, *args)

    with monkeypatch.context() as m:
        m.setattr(FalkorDBStore, "_bulk", counting)
        fast, fast_report, read = _import(tmp_path / "fast", parallel=True)
    assert len(bulks) >= 2 and sum(bulks) > 500  # activity and programme offers in bulk

    checked: list[int] = []

    def never(value: str) -> None:
        checked.append(1)
        return None

    with monkeypatch.context() as m:
        m.setattr(rows, "_UAI", never)  # every activity row through pydantic
        m.setattr(falkordb_store, "params_header", _reference_header)
        slow, slow_report, _ = _import(tmp_path / "slow", parallel=False)
    assert len(checked) > 1_000  # the reference path did run, on every activity row

    assert read > 3_000
    assert fast_report["files"] == slow_report["files"]
    assert any(f["rejected"] for f in fast_report["files"])  # bad rows are in the comparison
    assert fast_report == slow_report
    nodes, rels = fast
    assert len(nodes) > 500 and len(rels) > 500
    assert fast == slow
