"""A closed diploma's offers the import carried to its successor are no longer counted for it
in the diploma search, on each real engine (graph/queries.py diploma_search_rows,
cypher/diplomas_carried_offers.cypher).

On the national files the search listed the closed « Aide-soignant (diplôme d'État) »
(56033102) with 58 offers: the constat's rows of 2020, carried (status renewed) to the Diplôme
d'État d'aide-soignant that replaced it, which listed the same 58. The fixture
(tests/fixtures/opendata_honest, the Nord) has the same case for the Bac pro MEI (40025007,
closed on 31/08/2023), replaced by the Bac pro MSPC (40025012)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.diploma_names import closed_note
from graph.ingest.opendata import run_import
from graph.queries import diploma_search_rows
from graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[2]
MEI, MSPC = "40025007", "40025012"


def test_a_closed_diploma_does_not_claim_its_successors_offers(
    new_store: Callable[..., GraphStore],
) -> None:
    store = new_store()
    run_import(store, ROOT / "tests" / "fixtures" / "opendata_honest")
    before = {r["code"]: r for r in store.read("diplomas_search_index")}
    rows = {r["code"]: r for r in diploma_search_rows(store)}
    mei, mspc = rows[MEI], rows[MSPC]
    assert mei["closed"] and mei["carried"] > 0, mei
    assert mei["offers"] == before[MEI]["offers"] - mei["carried"]
    assert mspc["offers"] == before[MSPC]["offers"] and not mspc.get("carried")
    successors = [s for s in mei["successors"] if s]
    note = closed_note(mei, successors)
    assert note is not None and "pour le diplôme qui le remplace" in note, note
