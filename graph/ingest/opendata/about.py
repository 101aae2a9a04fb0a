"""What ``/about`` says about the data: its producers and licences, and what was imported."""

from __future__ import annotations

from typing import Any

from graph.ingest.opendata.credits import LICENCE_OUVERTE, PRODUCERS
from graph.store import GraphStore

__all__ = ["data_credits", "imported_counts"]


def data_credits() -> list[dict[str, Any]]:
    return [p.to_dict() for p in PRODUCERS]


def imported_counts(store: GraphStore) -> dict[str, Any]:
    """Facts written by ``cmq import opendata``: nodes per label, relationships per type, and
    offers per source file. Three scans of the graph; cheap at national size."""
    nodes = {r["label"]: r["count"] for r in store.read("import_about_nodes")}
    rels = {r["type"]: r["count"] for r in store.read("import_state_relationships")}
    offers = {r["file"]: r["offers"] for r in store.read("import_about_offer_sources")}
    return {"nodes": nodes, "relationships": rels, "offers_by_file": offers}


LICENCE_NOTE = (
    f"Public data under the {LICENCE_OUVERTE} unless stated otherwise (GeoNames: CC BY 4.0); "
    "reuse requires citing the producer. Seed files cite their own documents."
)
