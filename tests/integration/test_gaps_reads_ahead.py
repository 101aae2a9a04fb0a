"""A gap report's reads sent together (graph/gaps/data.py, ``_ahead``): the engine that can
pipeline reads (FalkorDB's ``read_pipelined``) gets them that way, and the rows read are the
same as one read at a time (Neo4j's way, and any store without ``read_pipelined``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.gaps.data import read_gap_data
from graph.gaps.report import compute_report
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.store import GraphStore
from graph.territory import Territory
from tests.conftest import StoreMaker

GAP_SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds_gaps"
TERRITORIES = [
    Territory(departements=["012", "046"]),
    Territory(campus="gapcamp"),
    Territory(),
]


@pytest.fixture(scope="module")
def store(session_stores: StoreMaker) -> GraphStore:
    s = session_stores()
    load_seeds(s, load_seed_dir(GAP_SEEDS))
    return s


class OneAtATime:
    """The store's reads, without ``read_pipelined``."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        return self.store.read(name, **params)

    def __getattr__(self, name: str) -> Any:
        if name == "read_pipelined":
            raise AttributeError(name)
        return getattr(self.store, name)


@pytest.mark.parametrize("territory", TERRITORIES, ids=lambda t: t.model_dump_json())
def test_the_rows_read_ahead_are_those_read_one_at_a_time(
    store: GraphStore, territory: Territory, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[list[str]] = []
    pipelined = getattr(store, "read_pipelined", None)
    if pipelined is not None:

        def counted(requests: Any, **kwargs: Any) -> Any:
            batches.append([name for name, _ in requests])
            return pipelined(requests, **kwargs)

        monkeypatch.setattr(store, "read_pipelined", counted)
    ahead = read_gap_data(store, territory, None)
    alone = read_gap_data(OneAtATime(store), territory, None)
    assert ahead == alone
    assert ahead.offers and ahead.actors and ahead.legs
    same = compute_report(ahead, territory).model_dump_json()
    assert same == compute_report(alone, territory).model_dump_json()
    if pipelined is not None:  # FalkorDB: the independent reads went together
        assert ["gaps_offer_rows", "gaps_actors", "gaps_sectors", "gaps_campuses"] in batches
        assert ["gaps_offer_actors", "gaps_diplomas"] in batches
