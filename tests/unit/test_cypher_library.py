from __future__ import annotations

from pathlib import Path

import pytest

from graph.cypher import CYPHER_DIR, CypherLibrary
from graph.errors import InvalidQuery
from graph.models import InternalLabel, Label, RelType


def test_every_query_file_loads_for_both_engines() -> None:
    for engine in ("falkordb", "neo4j"):
        lib = CypherLibrary(engine)
        assert "actors_list" in lib.names()
        assert lib.get("actors_list").startswith("//")


def test_unknown_query_name_fails_loudly() -> None:
    with pytest.raises(InvalidQuery, match="no query named 'nope'"):
        CypherLibrary("falkordb").get("nope")


def test_engine_override_needs_a_portable_base(tmp_path: Path) -> None:
    (tmp_path / "falkordb").mkdir()
    (tmp_path / "falkordb" / "orphan.cypher").write_text("RETURN 1", encoding="utf-8")
    with pytest.raises(InvalidQuery, match="no portable version"):
        CypherLibrary("falkordb", root=tmp_path)


def test_engine_override_wins_for_its_engine_only(tmp_path: Path) -> None:
    (tmp_path / "q.cypher").write_text("RETURN 1 AS x", encoding="utf-8")
    (tmp_path / "neo4j").mkdir()
    (tmp_path / "neo4j" / "q.cypher").write_text("RETURN 2 AS x", encoding="utf-8")
    assert CypherLibrary("neo4j", root=tmp_path).get("q") == "RETURN 2 AS x"
    assert CypherLibrary("falkordb", root=tmp_path).get("q") == "RETURN 1 AS x"


def test_queries_only_name_labels_and_types_of_the_closed_lists() -> None:
    """Labels and relationship types in the query files all come from graph.models."""
    import re

    labels = {m.value for m in Label} | {m.value for m in InternalLabel}
    types = {m.value for m in RelType}
    for path in CYPHER_DIR.rglob("*.cypher"):
        text = "\n".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("//")
        )
        for name in re.findall(r"\(\s*\w*\s*:\s*([A-Za-z_]+)", text):
            assert name in labels, f"{path.name}: unknown label {name}"
        for name in re.findall(r"\[\s*\w*\s*:\s*([A-Z_|]+)", text):
            for t in name.split("|"):
                assert t in types, f"{path.name}: unknown relationship type {t}"
