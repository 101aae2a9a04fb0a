"""What ``/about`` says about the data: its producers and licences, and what was imported."""

from __future__ import annotations

from typing import Any

from graph.ingest.opendata.credits import LICENCE_OUVERTE, PRODUCERS
from graph.store import GraphStore

__all__ = ["data_credits", "imported_counts"]


def data_credits() -> list[dict[str, Any]]:
    return [p.to_dict() for p in PRODUCERS]


def imported_counts(store: GraphStore) -> dict[str, Any]:
    """Facts written by ``cmq import opendata``: nodes per label, relationships per type,
    offers per source file and the establishments' coverage. Four scans of the graph; cheap
    at national size."""
    nodes = {r["label"]: r["count"] for r in store.read("import_about_nodes")}
    rels = {r["type"]: r["count"] for r in store.read("import_state_relationships")}
    offers = {r["file"]: r["offers"] for r in store.read("import_about_offer_sources")}
    return {
        "nodes": nodes,
        "relationships": rels,
        "offers_by_file": offers,
        "establishments": establishment_coverage(store.read("import_about_coverage")),
    }


def establishment_coverage(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``{named_by, located_by}`` counts of the imported establishments (see
    cypher/import_about_coverage.cypher): which file names them (``UAI only``: none does)
    and where they are placed (own coordinates, commune centre, ``unknown``)."""
    named: dict[str, int] = {}
    located: dict[str, int] = {}
    for r in rows:
        named[r["named_by"]] = named.get(r["named_by"], 0) + r["count"]
        located[r["located_by"]] = located.get(r["located_by"], 0) + r["count"]
    return {"total": sum(named.values()), "named_by": named, "located_by": located}


LICENCE_NOTE = (
    f"Public data under the {LICENCE_OUVERTE} unless stated otherwise (GeoNames: CC BY 4.0); "
    "reuse requires citing the producer. Seed files cite their own documents."
)
