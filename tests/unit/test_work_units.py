"""The test suite's own scheduling rules (tests/conftest.py): units of work, shared imported
graphs, tests marked slow on Neo4j."""

from __future__ import annotations

import doctest
from collections.abc import Generator
from pathlib import Path

import pytest

from tests import conftest
from tests.conftest import SHARED_GRAPHS, SLOW_ON_NEO4J, SharedImports, work_unit

ROOT = Path(__file__).resolve().parents[2]


def test_work_unit_examples() -> None:
    result = doctest.testmod(conftest)
    assert result.attempted >= 3 and result.failed == 0


def test_the_modules_sharing_a_graph_are_one_unit_per_engine() -> None:
    for first, rest in SHARED_GRAPHS.items():
        for module in (first, *rest):
            text = (ROOT / module).read_text(encoding="utf-8")
            assert "imported_client_fixture(" in text, module
            assert work_unit(f"{module}::test_x[neo4j]") == f"{first}:neo4j"
            assert work_unit(f"{module}::test_x[falkordb]") == f"{first}:falkordb"


def test_a_shared_graph_is_built_once_and_never_for_another_key() -> None:
    built: list[str] = []
    closed: list[str] = []

    def build() -> Generator[object, None, None]:
        built.append("built")
        try:
            yield "client"
        finally:
            closed.append("closed")

    shared = SharedImports()
    key = ("fixture", None, True, (), None)
    assert shared.client("g", key, build) == "client"  # type: ignore[arg-type]
    assert shared.client("g", key, build) == "client"  # type: ignore[arg-type]
    assert built == ["built"]
    with pytest.raises(pytest.fail.Exception, match="ask different graphs"):
        shared.client("g", ("other", None, True, (), None), build)  # type: ignore[arg-type]
    shared.close()
    assert closed == ["closed"]


def test_the_tests_slow_on_neo4j_exist() -> None:
    for nodeid in SLOW_ON_NEO4J:
        module, _, name = nodeid.partition("::")
        assert f"def {name}(" in (ROOT / module).read_text(encoding="utf-8"), nodeid
