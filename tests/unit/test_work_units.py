"""The test suite's own scheduling rules (tests/conftest.py): units of work, shared imported
graphs, tests marked slow on Neo4j."""

from __future__ import annotations

import doctest
from collections.abc import Generator
from pathlib import Path

import pytest

from tests import conftest
from tests.conftest import (
    OWN_UNIT_TESTS,
    SHARED_GRAPHS,
    SLOW_ON_NEO4J,
    SharedImports,
    unit_order,
    work_unit,
)
from tests.unit_costs import UNIT_COSTS

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


def test_the_costed_units_exist() -> None:
    for unit in UNIT_COSTS:
        module = unit.removesuffix(":falkordb").removesuffix(":neo4j")
        module, _, own = module.partition("[")
        assert (ROOT / module).is_file(), unit
        if own:
            assert own.removesuffix("]") in OWN_UNIT_TESTS.values(), unit


def test_a_test_with_a_unit_of_its_own_is_the_only_user_of_its_server() -> None:
    for nodeid, fixture in OWN_UNIT_TESTS.items():
        module, _, name = nodeid.partition("::")
        text = (ROOT / module).read_text(encoding="utf-8")
        run = fixture.removesuffix("_server") + "_run"
        assert f"def {fixture}(" in text and f"def {run}({fixture}: " in text, nodeid
        users = [line for line in text.splitlines() if f"({run}: " in line]
        assert users == [f"def {name}({run}: dict[str, Any]) -> None:"], (nodeid, users)
        for engine in ("falkordb", "neo4j"):
            assert work_unit(f"{nodeid}[{engine}]") == f"{module}[{fixture}]:{engine}"


def test_the_queue_runs_each_engine_phase_longest_first() -> None:
    units = [*UNIT_COSTS, "tests/unit/test_territory.py", "tests/x.py:neo4j", "tests/y.py:falkordb"]
    queue = sorted(units, key=unit_order)
    phases = [unit_order(u)[0] for u in queue]
    assert phases == sorted(phases)  # FalkorDB, then Neo4j, then no engine: one change each
    for phase in (0, 1, 2):
        costs = [-unit_order(u)[1] for u in queue if unit_order(u)[0] == phase]
        assert costs == sorted(costs, reverse=True) and costs[0] >= 99, phase
    assert queue[0] == "tests/e2e/test_browser.py:falkordb"
    assert queue[-1] == "tests/unit/test_territory.py"  # an uncosted unit: short, at the end
