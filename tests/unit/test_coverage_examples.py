"""The examples of a coverage row do not depend on the order the engine returns rows in
(FalkorDB and Neo4j gave different examples for the same national graph: bench/engines.py)."""

from __future__ import annotations

from typing import Any

from graph.coverage import summarise
from graph.territory import ANYWHERE


def _row(code: str, name: str, actor: str) -> dict[str, Any]:
    return {
        "offer": {"status": "open", "origin": "import", "sources": ["onisep"]},
        "actor": {"id": actor, "name": f"IUT {actor}", "campuses": []},
        "diploma": {"code": code, "name": name, "type": "but", "level": 6},
    }


def test_examples_are_the_first_three_by_name_whatever_the_row_order() -> None:
    rows = [_row(f"C{i}", name, f"a{i}") for i, name in enumerate("EDBFCA")]
    forward, backward = summarise(rows, ANYWHERE), summarise(list(reversed(rows)), ANYWHERE)
    assert forward == backward
    [row] = forward
    assert row.examples == ["A — IUT a5", "B — IUT a2", "C — IUT a4"]
    assert row.programmes == 6 and row.establishments == 6
