"""The mean place of a territory's offers known from the preload (graph/pathways/
offer_centres.py): the centre the coverage read gives, without that read. On each engine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.coverage import read_coverage
from graph.cypher import CypherLibrary
from graph.edits import OfferCreate, PartnershipCreate, create_offer, create_partnership
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.pathways.data import PathwayData, forget, keep_warm, pathway_data
from graph.pathways.find import _centre, _Origin
from graph.store import GraphStore
from graph.territory import Point, Territory
from tests.conftest import MINI_SEEDS, recorded_reads

FIXTURE_CYPHER = Path(__file__).resolve().parent.parent / "fixtures" / "cypher"

TERRITORIES: list[Territory] = [
    Territory(departements=["012"]),
    Territory(departements=["046"]),
    Territory(departements=["012", "046", "081"]),
    Territory(departements=["975"]),  # no offer there
    Territory(region="76"),
    Territory(region="76", departements=["046"]),
    Territory(region="11"),
    Territory(),
]


@pytest.fixture
def store(new_store: Callable[..., GraphStore]) -> Iterator[GraphStore]:
    s = new_store()
    load_seeds(s, load_seed_dir(MINI_SEEDS))
    # the import's twin of a seed offer, elsewhere in Aveyron: the cache keeps one of the two
    # (merge_offer_rows), the coverage both
    library = s.library  # type: ignore[attr-defined]
    s.library = CypherLibrary(library.engine, root=FIXTURE_CYPHER)  # type: ignore[attr-defined]
    try:
        s.write(
            "twin_offer",
            actor="lycee-a",
            code="40025005",
            modality="school",
            departement="012",
            region="76",
            lat=44.35,
            lon=2.57,
        )
    finally:
        s.library = library  # type: ignore[attr-defined]
    forget(s)
    yield s
    data = pathway_data(s)
    forget(s)
    if data.preload_thread is not None:
        data.preload_thread.join(timeout=60)


def _preloaded(store: GraphStore) -> PathwayData:
    keep_warm(store)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=30)
    return data


def test_a_preloaded_cache_knows_the_centre_the_coverage_read_gives(store: GraphStore) -> None:
    """For territories of départements and régions, the centre from the preload's points is
    the float the coverage rows give, the imported twin of a seed offer counted (the cache's
    merged offers alone would miss it); a campus or a radius is left to the read."""
    data = _preloaded(store)
    assert len(read_coverage(store, Territory(departements=["012"]))) >= 2
    for t in TERRITORIES:
        assert data.offers_centre(store, t) == (_centre(read_coverage(store, t)),), t
    assert data.offers_centre(store, Territory(campus="mini")) is None
    assert data.offers_centre(store, Territory(near=Point(lat=44.6, lon=1.9), radius_km=60)) is None
    assert (
        PathwayData(store.version()).offers_centre(store, TERRITORIES[0]) is None
    )  # not preloaded


def test_the_centre_of_a_first_answer_is_not_read(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where far places are measured from without a home (a territory's first answer) reads
    nothing once the cache is preloaded, nor after an edit of no offer (a partnership); after
    an edit of offers (a carried cache) it reads the touched diploma's offers once, not the
    territory's coverage, and every centre is still the one the coverage gives (the edit
    seen: the new offer's establishment counted)."""
    data = _preloaded(store)
    real_read = store.read
    reads = recorded_reads(store, monkeypatch)
    lot = Territory(departements=["046"])
    create_partnership(  # no offer touched: the points are carried
        store,
        "alice",
        PartnershipCreate(a="iut-b", b="lycee-a", kind="convention", source="test: offer centres"),
    )
    linked = pathway_data(store)
    assert linked.carried_from == data.version
    assert linked.offers_centre(store, lot) == data.offers_centre(store, lot) != (None,)
    data = linked
    reads.clear()
    origin = _Origin(store, data, lot, None, ["046"])
    assert origin.point() == _centre(real_read("coverage_offers", **lot.query_params()))
    assert origin.label() == "du centre du territoire (position moyenne de ses formations)"
    assert reads == []
    create_offer(
        store,
        "alice",
        OfferCreate(
            actor="iut-b", diploma="32025002", modality="school", source="test: offer centres"
        ),
    )
    fresh = pathway_data(store)
    assert fresh.carried_from == data.version
    reads.clear()
    point = _Origin(store, fresh, lot, None, ["046"]).point()
    # the touched diploma's offers read again (a few rows), not the territory's coverage
    assert reads == ["pathway_offers_of"]
    assert point == _centre(real_read("coverage_offers", **lot.query_params()))
    reads.clear()
    for t in TERRITORIES:
        assert fresh.offers_centre(store, t) == (
            _centre(real_read("coverage_offers", **t.query_params())),
        ), t
    assert reads.count("pathway_offers_of") == 0  # read once, for the first centre asked


@pytest.mark.parametrize("ordered", [True, False], ids=["near-thread-done", "edit-before"])
def test_after_edits_the_points_give_the_centres_the_coverage_gives(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch, ordered: bool
) -> None:
    """The near thread orders the preload's points by diploma (PathwayData.order_centres);
    an edit's refresh then cuts the touched diploma's points out by bisection and files its
    offers read anew, ordered too. Two edits of offers in a row (the second cache carried from
    the first's), with the points ordered by the near thread or not yet (an edit before it
    ordered them): every centre is the one the coverage gives after each."""
    if not ordered:
        monkeypatch.setattr(PathwayData, "order_centres", lambda self: None)
    data = _preloaded(store)
    assert data.near_thread is not None
    data.near_thread.join(timeout=30)
    assert data._centres_ordered is ordered
    for actor, diploma in (("iut-b", "32025002"), ("iut-b", "40025005")):
        create_offer(
            store,
            "alice",
            OfferCreate(actor=actor, diploma=diploma, modality="school", source="test: centres"),
        )
        data = pathway_data(store)
        assert data.carried_from is not None
        for t in TERRITORIES:
            assert data.offers_centre(store, t) == (_centre(read_coverage(store, t)),), t
        assert data._centres_ordered
        assert data._centres is not None
        assert all(list(ds) == sorted(ds) for _, _, ds in data._centres.values())
