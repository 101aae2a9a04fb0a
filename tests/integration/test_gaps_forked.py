"""The API's gap report computed in a forked child (graph/gaps/forked.py): the same report as
computed in the worker, nothing of its rows read in the worker, errors raised as they are, and
the report computed in the worker when the child gives no answer. On each engine: Neo4j's
reports are computed in the worker (its driver is not used from a child)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import graph.gaps.data
import graph.gaps.forked
import graph.gaps.report
from graph.errors import NotFound
from graph.gaps import gap_report
from graph.gaps.cache import drop_stale
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.store import GraphStore
from graph.territory import Territory
from tests.conftest import StoreMaker

GAP_SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds_gaps"
TERRITORY = Territory(departements=["012", "046"])


@pytest.fixture(scope="module")
def store(session_stores: StoreMaker) -> GraphStore:
    s = session_stores()
    load_seeds(s, load_seed_dir(GAP_SEEDS))
    return s


@pytest.fixture
def reads(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The pids that read a report's rows (read_gap_data), the kept reports dropped first."""
    drop_stale(store, "none")
    pids: list[int] = []
    real = graph.gaps.data.read_gap_data

    def counted(*args: Any, **kwargs: Any) -> Any:
        pids.append(os.getpid())
        return real(*args, **kwargs)

    monkeypatch.setattr(graph.gaps.report, "read_gap_data", counted)
    yield pids
    drop_stale(store, "none")


def test_the_kept_report_is_the_one_computed_in_the_worker(
    store: GraphStore, reads: list[int]
) -> None:
    kept = gap_report(store, TERRITORY)
    here = gap_report(store, TERRITORY, cached=False)
    assert kept.model_dump_json() == here.model_dump_json()
    assert kept.counts["continuum_breaks"] > 0
    if store.engine == "falkordb":  # the kept one read in a child, the other one here
        assert reads == [os.getpid()]
    else:
        assert reads == [os.getpid(), os.getpid()]


def test_an_error_of_the_report_is_raised_as_it_is(store: GraphStore, reads: list[int]) -> None:
    with pytest.raises(NotFound):
        gap_report(store, Territory(departements=["012"]), "no-such-sector")


def test_a_child_without_answer_leaves_the_report_to_the_worker(
    store: GraphStore, reads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    here = gap_report(store, TERRITORY, cached=False)
    reads.clear()
    monkeypatch.setattr(graph.gaps.forked, "_child", lambda *args: os._exit(1))
    kept = gap_report(store, TERRITORY)
    assert kept.model_dump_json() == here.model_dump_json()
    assert reads == [os.getpid()]  # computed here after all


def test_the_collector_is_off_while_a_report_is_computed_and_on_again_after(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's rows and sets are acyclic: the cyclic collector is paused while they are
    made (graph/gaps/report.py), and resumes after, also when the report is refused."""
    import gc

    seen: list[bool] = []
    real = graph.gaps.report.compute_report

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(graph.gaps.report, "compute_report", recording)
    assert gc.isenabled()
    gap_report(store, TERRITORY, cached=False)
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(NotFound):
        gap_report(store, Territory(departements=["012"]), "no-such-sector", cached=False)
    assert gc.isenabled()
