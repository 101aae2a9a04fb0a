"""The pathway search's cache (graph/pathways/data.py) and what it rests on: the graph version
every write moves, and the plain decoding of FalkorDB replies. On each engine (real servers)."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.cypher import CypherLibrary
from graph.edits import (
    OfferCreate,
    OfferDelete,
    PartnershipCreate,
    create_offer,
    create_partnership,
    delete_offer,
)
from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.models import Modality
from graph.pathways import PathwayQuery, PathwayRequest, build_query, find_pathways
from graph.pathways.data import (
    PathwayData,
    cache_state,
    forget,
    keep_warm,
    pathway_data,
    snapshot_path,
    write_snapshot,
)
from graph.pathways.find import _StoreSource
from graph.pathways.snapshot import SHAPE, TMP_PREFIX, TMP_SUFFIX
from graph.store import GraphStore
from graph.territory import Point, Territory
from graph.touched import Touched
from tests.conftest import MINI_SEEDS, make_settings, recorded_reads

FIXTURE_CYPHER = Path(__file__).resolve().parent.parent / "fixtures" / "cypher"
SRC = "test: pathway cache"


@pytest.fixture
def store(new_store: Callable[..., GraphStore]) -> Iterator[GraphStore]:
    s = new_store()
    load_seeds(s, load_seed_dir(MINI_SEEDS))
    yield s
    data = pathway_data(s)
    forget(s)
    if data.preload_thread is not None:  # a preload still reading would race the store's close
        data.preload_thread.join(timeout=60)


def _same_database(store: GraphStore) -> GraphStore:
    """Another store on the same database, as another process would open it."""
    return type(store)(store.settings)  # type: ignore[attr-defined, call-arg]


class Uncached:
    """The same store without a version: every search reads everything again."""

    engine = "falkordb"

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner

    def version(self) -> str | None:
        return None  # no version: the search caches are off

    def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        return self.inner.read(name, **params)


def _bts_in_lot() -> PathwayQuery:
    """Bac pro usinage -> BTS usinage in Lot (46): the mini campus has the BTS only in 12."""
    return PathwayQuery(
        start_codes=["40025005"],
        start_label="Bac pro",
        to="32025002",
        territory=Territory(departements=["046"]),
    )


def test_version_moves_with_every_write_and_only_then(store: GraphStore) -> None:
    v0 = store.version()
    store.read("health_counts")
    assert store.version() == v0
    create_offer(
        store,
        "alice",
        OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
    )
    v1 = store.version()
    assert v1 != v0
    load_seeds(store, load_seed_dir(MINI_SEEDS))  # write_atomic
    v2 = store.version()
    assert v2 not in (v0, v1)
    store.drop_all()
    assert store.version() not in (v0, v1, v2)


def test_a_warm_cache_sees_a_write_made_through_another_store(store: GraphStore) -> None:
    before = find_pathways(store, _bts_in_lot())
    assert before.count == 0 and "46" in (before.reason or "")
    assert pathway_data(store).version == store.version()  # warm for this version

    # another process (here: another store on the same database) adds the BTS in Figeac (46)
    other = _same_database(store)
    try:
        create_offer(
            other,
            "bob",
            OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
        )
        after = find_pathways(store, _bts_in_lot())
        assert after.count == 1
        assert after.pathways[0].steps[1].offers[0].actor_id == "iut-b"

        delete_offer(
            other,
            "bob",
            OfferDelete(actor="iut-b", diploma="32025002", modality="school", source=SRC),
        )
        assert find_pathways(store, _bts_in_lot()).count == 0
    finally:
        other.close()


@pytest.mark.parametrize(
    "query",
    [
        PathwayQuery(start_codes=["40025014"], start_label="x", to_level=7),
        PathwayQuery(
            start_codes=["40025014"],
            start_label="x",
            to_level=7,
            territory=Territory(departements=["012", "046"]),
        ),
        PathwayQuery(
            start_codes=["40025014"],
            start_label="x",
            to_level=6,
            territory=Territory(departements=["012", "046"]),
            modality="apprenticeship",
        ),
        PathwayQuery(
            start_codes=["40025014"],
            start_label="x",
            to_type="ingenieur",
            territory=Territory(departements=["046"]),
            allow_outside=True,
        ),
        PathwayQuery(start_codes=["40025014"], start_label="x", to="99999999"),
    ],
    ids=["anywhere", "12+46", "apprenticeship", "outside allowed", "unreachable"],
)
def test_cached_answers_equal_uncached_ones(seed_store: GraphStore, query: PathwayQuery) -> None:
    cold = find_pathways(Uncached(seed_store), query)  # type: ignore[arg-type]
    forget(seed_store)
    first = find_pathways(seed_store, query)  # fills the cache
    warm = find_pathways(seed_store, query)  # reads nothing but the version
    assert first == cold and warm == cold
    if query.to != "99999999":
        assert cold.count > 0


@pytest.mark.parametrize(
    "params",
    [
        {"from": "40025014", "to_level": 7, "home": "44.6086,2.0317"},
        # Rodez, not Toulouse: the seeds' level-6 programmes are the Mecanic Vallée's, which
        # a learner outside its territory is no longer taken through (answers21)
        {"from": "40025014", "to_level": 6, "home": "44.35,2.57", "limit": 1},
        {"from_level": 4, "to_level": 6, "home": "44.35,2.57"},
    ],
)
def test_answers_with_no_territory_are_the_same_without_the_near_indexes(
    seed_store: GraphStore, params: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The establishments chosen from the near indexes (no territory, no modality) are those
    that ordering every offer chooses: the same answer."""
    req = PathwayRequest.model_validate(params)
    forget(seed_store)
    with_index = find_pathways(seed_store, build_query(seed_store, req))
    assert pathway_data(seed_store)._near
    monkeypatch.setattr(_StoreSource, "near", lambda self, codes: {})
    forget(seed_store)
    without = find_pathways(seed_store, build_query(seed_store, req))
    assert with_index == without and with_index.count > 0


@pytest.mark.parametrize(
    "params",
    [
        {"from_level": 4, "to_level": 5},
        {"from_level": 4, "to_level": 6, "departements": "12,46"},
        {"from_level": 3, "to_level": 5, "departements": "46", "allow_outside": True},
    ],
)
def test_from_level_answers_equal_uncached_ones(
    seed_store: GraphStore, params: dict[str, Any]
) -> None:
    """A from_level question (its start list kept for the version, the département index
    of the cache) answers as a search that reads everything again."""
    req = PathwayRequest.model_validate(params)
    cold = find_pathways(Uncached(seed_store), build_query(Uncached(seed_store), req))  # type: ignore[arg-type]
    forget(seed_store)
    first = find_pathways(seed_store, build_query(seed_store, req))
    warm = find_pathways(seed_store, build_query(seed_store, req))
    assert first == cold and warm == cold
    assert len(build_query(seed_store, req).start_codes) > 1
    assert cold.count > 0


def test_search_memos_are_those_of_their_territory_and_modality(seed_store: GraphStore) -> None:
    """The steps' bounds and the diplomas offered in the territory a search keeps for the next
    ones (PathwayData.search_memo) are kept apart by territory and modality (and
    allow_outside for the bounds): a step's pool of offers differs between them (in 12 the
    BTS is offered, in 46 only outside), and a bound from another one could leave out a
    pathway of the answer. Each question, asked after the others, answers as asked alone
    without any cache; asked again, it bounds no step anew and tests no diploma anew."""
    wheres: list[dict[str, Any]] = [
        {"departements": "46", "allow_outside": True},
        {"departements": "12", "allow_outside": True},
        {"departements": "12"},
        {"departements": "12", "modality": "apprenticeship"},
        {},
    ]
    reqs, alone = _asked_twice_as_alone(seed_store, wheres)
    memos: dict[Any, dict[Any, Any]] = pathway_data(seed_store)._search_memos
    kept = {k: v for k, v in memos.items() if k[0] == "step_bounds"}
    # a question with too few pathways in its territory searches again allowing outside
    assert len(kept) >= len(wheres) and sum(map(bool, kept.values())) >= len(wheres) - 1
    inside = {k[1] for k, v in memos.items() if k[0] == "inside" and v}
    assert len(inside) == 2  # 12, 12 in apprenticeship (the others keep every territory)
    # the steps' choices too, apart by territory, modality and allow_outside
    choices = {k[1:] for k, v in memos.items() if k[0] == "choices" and v}
    assert len(choices) >= len(wheres) - 1
    # the offers flagged for a territory too, apart by territory and modality (none kept for
    # the question with no territory: the version's lists are those)
    offers = {k[1] for k, v in memos.items() if k[0] == "offers" and v}
    assert len(offers) == 3  # 46, 12, 12 in apprenticeship
    sizes = [len(d) for d in memos.values()]
    for req in reqs:  # every step already bounded, every diploma tested
        find_pathways(seed_store, build_query(seed_store, req))
    assert [len(d) for d in memos.values()] == sizes
    assert sum(a.count for a in alone) > 0


def test_a_territory_s_offers_are_flagged_once(
    seed_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search in a territory keeps the offers it flags (in or out of the territory) for the
    next searches of the same territory and modality: asked again, or asked from the other
    level, a question flags only the diplomas no earlier search did (none when repeated), and
    answers as asked alone without any cache."""
    from graph.pathways import find as find_module

    flagged: list[tuple[str, str, str | None]] = []
    flag = find_module.flag_usable  # type: ignore[attr-defined]

    def counted(code: str, rows: Any, territory: Territory, *args: Any) -> Any:
        flagged.append((code, territory.model_dump_json(), args[0] if args else None))
        return flag(code, rows, territory, *args)

    monkeypatch.setattr(find_module, "flag_usable", counted)
    wheres: list[dict[str, Any]] = [
        {"departements": "12,46"},
        {"departements": "12,46", "modality": "apprenticeship"},
    ]
    reqs, alone = _asked_twice_as_alone(seed_store, wheres)
    assert sum(a.count for a in alone) > 0
    forget(seed_store)
    seen = []
    for where in range(len(wheres)):  # levels 3 and 4 meet many of the same diplomas
        flagged.clear()
        for req in reqs[2 * where : 2 * where + 2]:
            find_pathways(seed_store, build_query(seed_store, req))
        assert flagged and len(flagged) == len(set(flagged))  # flagged once each
        seen += flagged
    assert {m for _, _, m in seen} >= {None, "apprenticeship"}
    flagged.clear()
    for req in reqs:  # asked again: nothing flagged anew
        find_pathways(seed_store, build_query(seed_store, req))
    assert flagged == []


def test_the_hops_kept_legs_are_read_once_per_territory(
    seed_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The legs a search's hops keep of each diploma (those to a diploma offered in the
    territory) are kept for the next searches of the same territory and modality (the search
    memo ``kept``): asked again, a question reads the legs of no diploma but its starts with a
    renewed version, and answers as asked alone without any cache; a start's legs with its
    renewed version's are never kept."""
    from graph.pathways import find as find_module

    read: list[str] = []
    walking: list[bool] = []  # whether the search's hops are reading (candidates)
    legs_from = find_module._StoreSource.legs_from
    walk = find_module.candidates  # type: ignore[attr-defined]

    def counted(self: Any, codes: Any) -> Any:
        codes = list(codes)
        if walking:
            read.extend(codes)
        return legs_from(self, codes)

    def hops(*args: Any, **kwargs: Any) -> Any:
        if not kwargs["restrict"]:  # (searches allowing outside: nothing kept)
            return walk(*args, **kwargs)
        walking.append(True)
        try:
            return walk(*args, **kwargs)
        finally:
            walking.pop()

    monkeypatch.setattr(find_module._StoreSource, "legs_from", counted)
    monkeypatch.setattr(find_module, "candidates", hops)
    wheres: list[dict[str, Any]] = [
        {"departements": "12,46"},
        {"departements": "12,46", "modality": "apprenticeship"},
    ]
    reqs, alone = _asked_twice_as_alone(seed_store, wheres)
    assert sum(a.count for a in alone) > 0
    data = pathway_data(seed_store)
    memos: dict[Any, dict[Any, Any]] = data._search_memos
    kept = {k[1]: v for k, v in memos.items() if k[0] == "kept"}
    assert len(kept) == 2 and all(kept.values())  # 12,46 and 12,46 in apprenticeship
    rows = {c: d for c, d in data._diplomas.items() if d is not None}
    renewed = {c for c, d in rows.items() if d.get("successors")}
    assert not renewed & {c for v in kept.values() for c in v}
    sizes = {k: len(v) for k, v in kept.items()}
    assert read  # the first searches read them
    read.clear()
    for req in reqs:  # asked again: no diploma's legs read anew but renewed starts'
        find_pathways(seed_store, build_query(seed_store, req))
    # the renewed starts' legs and their renewed versions'
    successors = {s for c in renewed for s in rows[c]["successors"]}
    assert set(read) <= renewed | successors
    assert {k[1]: len(v) for k, v in memos.items() if k[0] == "kept"} == sizes


def test_exact_bounds_memo_is_that_of_its_home_and_start(seed_store: GraphStore) -> None:
    """The steps' exact bounds a search keeps for the next ones (prefix_upper, full_bound:
    the establishments chosen, the distance from home, where the start is held) are kept apart
    by home and start départements as well as by territory, modality and allow_outside: a
    bound from another home could rank a pathway wrongly. Each question, asked after the
    others (twice), answers as asked alone without any cache; asked again, it bounds nothing
    anew."""
    wheres: list[dict[str, Any]] = [
        {"departements": "12,46", "allow_outside": True},
        {"departements": "12,46", "allow_outside": True, "home": "43.6047,1.4442"},
        {"departements": "12,46", "allow_outside": True, "home": "44.6086,2.0317"},
        {"departements": "12,46", "home": "46102"},
        {},
        {"home": "45.7640,4.8357"},
    ]
    reqs, alone = _asked_twice_as_alone(seed_store, wheres)
    memos: dict[Any, dict[Any, Any]] = pathway_data(seed_store)._search_memos
    bounds = {k[1:] for k, v in memos.items() if k[0] == "bounds" and v}
    # one per home (and its start départements) in each territory: apart from each other
    assert len({(k[0], k[2]) for k in bounds}) >= len(wheres) - 1
    sizes = {k: len(d) for k, d in memos.items() if k[0] == "bounds"}
    for req in reqs:  # every bound already kept
        find_pathways(seed_store, build_query(seed_store, req))
    assert {k: len(d) for k, d in memos.items() if k[0] == "bounds"} == sizes
    assert sum(a.count for a in alone) > 0


def test_search_memos_are_bounded_and_not_kept_without_a_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At most SEARCH_MEMO_KEYS memos, the least recently asked dropped first, and
    fewer when they hold more than SEARCH_MEMO_ENTRIES; none without a graph version."""
    from graph.pathways import data as data_module

    monkeypatch.setattr(data_module, "SEARCH_MEMO_KEYS", 3)
    monkeypatch.setattr(data_module, "SEARCH_MEMO_ENTRIES", 10)
    data = PathwayData("v1")
    a = data.search_memo("a")
    assert a == {} and data.search_memo("a") is a
    for key in ("b", "c"):
        data.search_memo(key)
    data.search_memo("a")  # asked again: the most recent
    data.search_memo("d")
    assert list(data._search_memos) == ["c", "a", "d"]
    assert a is not None
    a.update((n, n) for n in range(8))
    d = data.search_memo("d")
    assert d is not None
    d["x"] = 1
    data.search_memo("e")  # 9 entries held besides: c is dropped, then no more is needed
    assert list(data._search_memos) == ["a", "d", "e"]
    a.update((n, n) for n in range(8, 12))
    assert data.search_memo("a") is None  # full: the search keeps its own
    assert list(data._search_memos) == ["a"]  # 12 entries: the others dropped
    assert PathwayData(None).search_memo("a") is None


def test_notice_memos_are_bounded_apart_from_the_search_memos(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At most NOTICE_MEMO_KEYS notice memos, the least recently asked dropped first, none
    without a graph version; asking them never drops a search memo (the neighbour notice's
    nearest offers once pushed a territory's search memos out)."""
    from graph.pathways import data as data_module

    monkeypatch.setattr(data_module, "NOTICE_MEMO_KEYS", 2)
    data = PathwayData("v1")
    search = data.search_memo("s")
    a = data.notice_memo("a")
    assert a == {} and data.notice_memo("a") is a
    data.notice_memo("b")
    data.notice_memo("a")  # asked again: the most recent
    data.notice_memo("c")
    assert list(data._notice_memos) == ["a", "c"]
    assert list(data._search_memos) == ["s"] and data.search_memo("s") is search
    assert PathwayData(None).notice_memo("a") is None


def test_keep_warm_preloads_every_diploma_and_again_after_a_write(store: GraphStore) -> None:
    keep_warm(store)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=30)
    state = cache_state(store)
    assert state["state"] == "ready" and state["diplomas"] == 4
    assert state["version"] == store.version()
    # its wall and thread CPU seconds, said by /health (bench/pathways.py reads a worker's)
    assert state["filled_s"] is not None and state["filled_cpu_s"] is not None
    assert 0 <= state["filled_cpu_s"] <= state["filled_s"] + 0.05
    # then each diploma's offers ordered for the choices of a question with no territory,
    # on the very lists such a question reads (graph/pathways/nearest.py)
    assert data.near_thread is not None
    data.near_thread.join(timeout=30)
    assert data.near_s is not None and len(data._near) == 4
    assert all(data._near[c].offers is data._everywhere[c] for c in data._near)
    # with their pools' places, which a first answer's scoped legs would otherwise make
    assert all(index._places is not None for index in data._near.values())
    # and every diploma's legs as the searches walk them (search._open_targets)
    assert set(data.open_legs) == set(data._legs) and len(data.open_legs) >= 4

    create_offer(
        store,
        "alice",
        OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
    )
    # a new version: its cache carries the rows the edit did not touch; the one diploma it
    # touched is read by the first request that needs it, not by a background refill
    fresh = pathway_data(store)
    assert fresh is not data and fresh.preload_thread is None
    assert cache_state(store)["state"] == "ready"
    assert "32025002" not in fresh._offers
    assert find_pathways(store, _bts_in_lot()).count == 1
    assert "32025002" in fresh._offers

    # an import-like write carries nothing: the whole cache is preloaded again
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    reloaded = pathway_data(store)
    assert reloaded.carried_from is None and reloaded.preload_thread is not None
    reloaded.preload_thread.join(timeout=30)
    assert cache_state(store)["state"] == "ready"
    assert cache_state(store)["diplomas"] == 4


def _preloaded(store: GraphStore, snapshots: Path) -> PathwayData:
    """A whole preload of the store's current version, as a new API worker makes it (the
    cache forgotten first), kept warm with ``snapshots`` (read, never written); returned once
    its near thread is done."""
    forget(store)
    keep_warm(store, snapshots=snapshots)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=60)
    assert data.preloaded_s is not None
    assert data.near_thread is not None
    data.near_thread.join(timeout=60)
    return data


_SNAPSHOT_QUESTIONS = [
    _bts_in_lot(),
    PathwayQuery(start_codes=["40025005"], start_label="x", to_level=6),
    PathwayQuery(
        start_codes=["40025005"],
        start_label="x",
        to_level=6,
        territory=Territory(departements=["012", "046"]),
    ),
]


def _answers(store: GraphStore) -> list[dict[str, Any]]:
    return [find_pathways(store, q).model_dump(mode="json") for q in _SNAPSHOT_QUESTIONS]


def _ended_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def _layout(data: PathwayData) -> tuple[Any, ...]:
    """What says how a cache's offers are held in memory: the size of each row, how many
    distinct objects their floats are, and whether each point and latitude of the current
    places and outside rows is the object of its row's value."""
    rows = [o for pairs in data._offers.values() for _, o in pairs]
    floats = [v for o in rows for v in o.values() if v.__class__ is float]
    lats = {id(o["lat"]) for o in rows}
    own_points = all(id(lat) in lats for c in data._current.values() for lat, _, _ in c.points)
    own_lats = all(id(lat) in lats for out in data._outside.values() for lat in out.latitudes)
    return (
        [sys.getsizeof(o) for o in rows],
        len(floats),
        len({id(v) for v in floats}),
        own_points,
        own_lats,
    )


def _snapshot_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("pathway-cache-*.pickle"))


def _written(store: GraphStore, snapshots: Path) -> Path:
    """The snapshot of the store's current version, written as ``cmq load``, ``cmq import``
    and ``cmq serve`` before its workers write it (a process that serves nothing); the
    store's cache is forgotten after."""
    path = write_snapshot(store, snapshots)
    assert path is not None and path == snapshot_path(store, snapshots)
    assert _snapshot_files(snapshots) == [path]
    assert cache_state(store)["state"] == "lazy"  # forgotten: not kept warm by the writer
    return path


def test_a_snapshot_of_the_cache_serves_its_version_and_no_other(
    store: GraphStore, tmp_path: Path
) -> None:
    """graph/pathways/snapshot.py: write_snapshot (a process that serves nothing) writes the
    cache to disk; the next whole preload of the same version (a worker, a restart) reads it
    instead of the database, with the same rows and answers, and never writes one; after any
    write (an edit, an import-like write) the file is not read, and the answers are the new
    graph's."""
    snaps = tmp_path / "pathway-cache"
    first = _preloaded(store, snaps)
    assert not first.from_snapshot and cache_state(store)["filled_from"] == "database"
    assert _snapshot_files(snaps) == []  # a serving preload never writes
    expected = _answers(store)
    written = _written(store, snaps)
    made = written.stat().st_mtime_ns
    assert write_snapshot(store, snaps) == written  # there already: not made again
    assert written.stat().st_mtime_ns == made

    # a writer stopped mid-write (a crash) left its temporary file: the next start deletes it
    stale = snaps / f"{TMP_PREFIX}{_ended_pid()}-x{TMP_SUFFIX}"
    stale.write_bytes(b"half a file")
    again = _preloaded(store, snaps)
    assert not stale.exists()
    assert again.from_snapshot and cache_state(store)["filled_from"] == "snapshot"
    assert again is not first and again.version == first.version
    assert again._offers == first._offers and again._legs == first._legs
    assert again._usable == first._usable and again._outside == first._outside
    assert again._where == first._where and again._diplomas == first._diplomas
    assert again._current == first._current
    # the offers' places read back ordered, as the writer's near thread left them
    assert again._centres == first._centres and again._centres_ordered
    # laid out as the database's: the offers key-sharing rows of the same size, their equal
    # floats one object, the current places' points and outside latitudes the rows' own
    assert _layout(again) == _layout(first)
    assert _answers(store) == expected
    assert _snapshot_files(snaps) == [written]  # read, not written again

    # another store on the same database (another worker, a restart) reads it too
    other = _same_database(store)
    try:
        assert _preloaded(other, snaps).from_snapshot
        assert _answers(other) == expected
        # an edit made there: a new version, whose whole preload reads the database
        create_offer(
            other,
            "bob",
            OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
        )
    finally:
        forget(other)
        other.close()
    # the cache carried over the edit reads no snapshot either (only the touched rows)
    carried = pathway_data(store)
    assert carried.carried_from == first.version and not carried.from_snapshot
    assert find_pathways(store, _bts_in_lot()).count == 1
    edited = _preloaded(store, snaps)
    assert not edited.from_snapshot
    assert find_pathways(store, _bts_in_lot()).count == 1
    assert _answers(store) == _answers(Uncached(store))  # type: ignore[arg-type]
    assert _snapshot_files(snaps) == [written]  # nothing written by the worker
    newer = _written(store, snaps)  # the old version's deleted
    assert newer != written
    assert _preloaded(store, snaps).from_snapshot
    assert find_pathways(store, _bts_in_lot()).count == 1

    # an import-like write (write_atomic, which records nothing of what it touched): the same
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    reloaded = _preloaded(store, snaps)
    assert not reloaded.from_snapshot
    assert _answers(store) == _answers(Uncached(store))  # type: ignore[arg-type]
    newest = _written(store, snaps)
    assert newest not in (written, newer)
    assert _preloaded(store, snaps).from_snapshot
    assert _answers(store) == _answers(Uncached(store))  # type: ignore[arg-type]


def test_a_snapshot_is_never_read_for_another_database(
    store: GraphStore, new_store: Callable[..., GraphStore], tmp_path: Path
) -> None:
    """Two databases loaded alike may have the same version (FalkorDB's is a counter of
    writes): the snapshot's name holds the database's own id too."""
    snaps = tmp_path / "pathway-cache"
    _written(store, snaps)
    assert _preloaded(store, snaps).from_snapshot
    other = new_store()
    load_seeds(other, load_seed_dir(MINI_SEEDS))
    try:
        assert other.database_id() != store.database_id() or other.version() != store.version()
        assert snapshot_path(other, snaps) != snapshot_path(store, snaps)
        assert not _preloaded(other, snaps).from_snapshot
    finally:
        forget(other)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda b: b[: len(b) // 2],  # cut short
        lambda b: b"not a pickle",
        lambda b: pickle.dumps({"shape": -1}),  # another shape
        lambda b: pickle.dumps({"shape": SHAPE, "fields": ["_offers"], "_offers": {}}),
    ],
    ids=["truncated", "garbage", "other-shape", "other-fields"],
)
def test_a_snapshot_that_cannot_be_read_is_ignored(
    store: GraphStore, tmp_path: Path, spoil: Callable[[bytes], bytes]
) -> None:
    snaps = tmp_path / "pathway-cache"
    path = _written(store, snaps)
    expected = _answers(store)
    path.write_bytes(spoil(path.read_bytes()))
    data = _preloaded(store, snaps)
    assert not data.from_snapshot and data.diploma_count == 4
    assert _answers(store) == expected
    assert _snapshot_files(snaps) == []  # deleted, and not written by the worker
    assert _written(store, snaps) == path  # written again, whole, by the next writer
    assert _preloaded(store, snaps).from_snapshot
    assert _answers(store) == expected


def test_the_notices_goal_kinds_and_offers_by_departement_are_carried_but_for_the_touched(
    store: GraphStore,
) -> None:
    """What the notices read of every diploma (PathwayData.goal_kinds, and its offers by
    département: by_departement, usable_offers_in; both made by the near thread after the
    preload) are carried over an edit but for the diplomas it touched, which the new version
    works out again with the offer the edit added: equal to what a whole preload of the new
    version makes (a touched entry carried as it was would miss the new offer)."""
    keep_warm(store)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=30)
    assert data.near_thread is not None
    data.near_thread.join(timeout=30)
    assert data._goal_kinds is not None
    assert data._goal_kinds["32025002"] == ("bts", 5)
    assert data._goal_kinds["T-LP"] == ("licence_pro", 6)
    assert set(data._by_departement) == set(data._usable)
    assert data.usable_offers_in(store, ["32025002"], ["046"]) == {"32025002": []}
    in_12 = data.usable_offers_in(store, ["32025002"], ["012"])["32025002"]
    assert [a["id"] for a, _, _ in in_12] == ["lycee-a"]
    untouched = sorted(set(data._by_departement) - {"32025002"})
    assert untouched

    create_offer(
        store,
        "alice",
        OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
    )
    fresh = pathway_data(store)
    assert fresh is not data and fresh.carried_from == data.version
    # carried: the other diplomas' entries as they were, the touched one to make again
    assert all(fresh._by_departement[c] is data._by_departement[c] for c in untouched)
    assert "32025002" not in fresh._by_departement
    assert fresh._goal_kinds is data._goal_kinds
    assert fresh._goal_kinds_stale == {"32025002"}
    rows = fresh.usable_offers_in(store, ["32025002"], ["046", "012"])["32025002"]
    assert [(a["id"], o["departement"]) for a, o, _ in rows] == [
        ("lycee-a", "012"),
        ("iut-b", "046"),
    ]
    kinds = fresh.goal_kinds(store)
    assert kinds["32025002"] == ("bts", 5) and not fresh._goal_kinds_stale

    # what a whole preload of the same version makes
    keep_warm(store)
    whole = pathway_data(store)
    assert whole is not fresh and whole.version == fresh.version
    assert whole.preload_thread is not None
    whole.preload_thread.join(timeout=30)
    assert whole.near_thread is not None
    whole.near_thread.join(timeout=30)
    assert whole._goal_kinds == kinds
    assert whole.by_departement(store, sorted(whole._usable)) == fresh.by_departement(
        store, sorted(whole._usable)
    )


def test_health_tells_the_state_of_the_cache(store: GraphStore, tmp_path: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path / "u"), store=store)) as client:
        body = client.get("/health").json()
        assert body["pathway_cache"]["state"] == "lazy"  # an injected store is not preloaded
        client.get("/pathways", params={"from": "40025005", "to_level": 6})
        assert client.get("/health").json()["pathway_cache"]["diplomas"] >= 2


def test_plain_reply_decoding_matches_falkordb_values(tmp_path: Path) -> None:
    """FalkorDB only: its replies are decoded by this project (Neo4j's by the driver, see
    tests/contract/test_neo4j_store.py)."""
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
        _check_reply_decoding(store)
    finally:
        store.close()


def _check_reply_decoding(store: FalkorDBStore) -> None:
    lib_store = FalkorDBStore.__new__(FalkorDBStore)
    lib_store.__dict__.update(store.__dict__)
    lib_store.library = CypherLibrary("falkordb", root=FIXTURE_CYPHER)
    [row] = lib_store.read("reply_types")
    assert row == {
        "i": 1,
        "f": -2.5,
        "s": 'é "x" \\ y',
        "t": True,
        "no": False,
        "n": None,
        "l": [1, "a", None, [2.0, True]],
        "m": {"a": 1, "b": {"c": "x", "d": [None]}},
        "empty": [],
    }
    assert type(row["f"]) is float and type(row["i"]) is int
    [node] = lib_store.read("reply_node")  # a node: the schema-aware fallback
    assert node["d"]["_labels"] == ["Diploma"] and node["d"]["code"] == "32025002"


def test_gap_reports_are_kept_for_a_version_and_recomputed_after_a_write(
    store: GraphStore,
) -> None:
    from graph.gaps import gap_report

    t = Territory(departements=["046"])
    first = gap_report(store, t)
    assert gap_report(store, t) is first  # same version: the same answer object
    assert gap_report(store, t, cached=False) is not first
    isolated = {n.key for f in _section(first, "isolated_actors") for n in f.nodes}
    assert "entreprise-d" not in isolated  # it has a partnership with lycée A

    from graph.edits import PartnershipDelete, delete_partnership

    delete_partnership(
        store,
        "alice",
        PartnershipDelete(a="lycee-a", b="entreprise-d", kind="placements", source=SRC),
    )
    after = gap_report(store, t)
    assert after is not first
    assert "entreprise-d" in {n.key for f in _section(after, "isolated_actors") for n in f.nodes}


def _section(report: Any, sid: str) -> list[Any]:
    return next(s.findings for s in report.sections if s.id == sid)


def test_an_edit_drops_only_what_it_touched(store: Any, tmp_path: Path) -> None:
    """After an edit, the cache of the new version keeps every row the edit did not change
    (graph/touched.py); after an import-like write (write_atomic), it starts empty."""
    keep_warm(store)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=30)
    before = dict(data._offers)
    usable_before = dict(data._usable)
    assert "32025002" in before and len(before) == 4
    assert usable_before.keys() == before.keys()  # the preload prepares every diploma's

    # an offer added by another process (another store on the same database)
    other = _same_database(store)
    try:
        create_offer(
            other,
            "bob",
            OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
        )
    finally:
        other.close()
    fresh = pathway_data(store)
    assert fresh is not data and fresh.carried_from == data.version
    # only the BTS's offers are read again: the other diplomas iut-b offers, and iut-b
    # itself, are the same objects (an offer edit does not change the actor)
    others = {c for c, pairs in before.items() if any(a["id"] == "iut-b" for a, _ in pairs)}
    assert "32025002" not in fresh._offers and "32025002" not in fresh._usable
    kept = set(before) - {"32025002"}
    assert others - {"32025002"} and others - {"32025002"} <= kept
    assert kept and all(fresh._offers[c] is before[c] for c in kept)
    assert all(fresh._usable[c] is usable_before[c] for c in kept)
    assert fresh._actors["iut-b"] is data._actors["iut-b"]
    assert find_pathways(store, _bts_in_lot()).count == 1  # the new offer is seen
    assert any(
        a["id"] == "iut-b" and o["departement"] == "046" for a, o in fresh._offers["32025002"]
    )

    # a partnership changes nothing the search reads: every row is kept
    settled = pathway_data(store)
    if settled.preload_thread is not None:
        settled.preload_thread.join(timeout=30)
    rows = dict(settled._offers)
    create_partnership(
        store, "alice", PartnershipCreate(a="iut-b", b="lycee-a", kind="convention", source=SRC)
    )
    after = pathway_data(store)
    assert after.carried_from == settled.version
    assert all(after._offers[c] is rows[c] for c in rows)

    # a load (write_atomic) records nothing: anything may have changed
    v = store.version()
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    v_after = store.version()
    assert v is not None and v_after is not None
    assert store.touched_between(v, v_after) is None
    reloaded = pathway_data(store)
    assert reloaded.carried_from is None
    for d in (after, reloaded):  # the preloads end before the store closes
        if d.preload_thread is not None:
            d.preload_thread.join(timeout=60)


def test_the_touch_log_unites_the_edits_between_two_versions(store: Any) -> None:
    """What edits touched, between any two versions (on Neo4j: the GraphLog node written in
    each write's transaction); a load in between makes it unknown, and the first edit after
    a load is known again."""
    offer = OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC)
    v0 = store.version()
    other = _same_database(store)
    try:
        create_offer(other, "bob", offer)
        v1 = store.version()
        create_partnership(
            store, "alice", PartnershipCreate(a="iut-b", b="lycee-a", kind="convention", source=SRC)
        )
        v2 = store.version()
    finally:
        other.close()
    assert len({v0, v1, v2}) == 3
    first, second = store.touched_between(v0, v1), store.touched_between(v1, v2)
    assert first is not None and first.diplomas == {"32025002"} and not first.links
    assert second == Touched.of(links=["iut-b", "lycee-a"])
    assert store.touched_between(v0, v2) == first | second
    assert store.touched_between(v2, v2) == Touched()

    load_seeds(store, load_seed_dir(MINI_SEEDS))  # says nothing of what it touched
    v3 = store.version()
    assert store.touched_between(v2, v3) is None and store.touched_between(v0, v3) is None
    delete_offer(
        store,
        "alice",
        OfferDelete(actor="lycee-a", diploma="40025005", modality="school", source=SRC),
    )
    v4 = store.version()
    last = store.touched_between(v3, v4)
    assert last is not None and last.diplomas == {"40025005"} and not last.links
    assert store.touched_between(v2, v4) is None


def test_the_departement_index_skips_only_diplomas_not_offered_there(store: GraphStore) -> None:
    """offered_inside answers from the (modality, département) index of the cache, without
    flagging most offers: the same codes as flagging every offer of every diploma."""
    data = pathway_data(store)
    codes = [r["d"]["code"] for r in store.read("pathway_diplomas_all")]
    for deps in (["012"], ["046"], ["012", "046"], ["081"], ["075"]):
        for modality in (None, Modality.SCHOOL, Modality.APPRENTICESHIP):
            q = PathwayQuery(
                start_codes=codes[:1],
                start_label="x",
                to_level=5,
                territory=Territory(departements=deps),
                modality=modality,
            )
            flagged = _StoreSource(data, store, q).offers(codes)
            expected = {c for c in codes if any(o.in_territory for o in flagged[c])}
            assert _StoreSource(data, store, q).offered_inside(codes) == expected
    some = _StoreSource(
        data,
        store,
        PathwayQuery(
            start_codes=codes[:1],
            start_label="x",
            to_level=5,
            territory=Territory(departements=["012"]),
        ),
    ).offered_inside(codes)
    assert some  # the mini campus offers programmes in Aveyron


GEO = "application/geo+json"
ASKED: list[dict[str, Any]] = [
    {"from": "40025005", "to": "32025002", "departements": "46"},
    {"from": "40025005", "to_level": 5, "home": "44.6,1.7"},
    {"from": "40025005", "to_level": 7, "departements": "12,46"},
    {"from": "40025005", "to_type": "ingenieur", "departements": "46", "allow_outside": "true"},
    {"from": "40025005", "to_level": 6, "modality": "apprenticeship", "limit": 1},
]


def test_kept_answers_are_the_bytes_of_a_search_until_a_write(
    store: GraphStore, tmp_path: Path
) -> None:
    """With the answer cache (the default), a question asked again within a graph version is
    answered from the bytes kept: the same bytes as the search serialised by FastAPI (the
    cache off), JSON and GeoJSON, GET and POST; a write makes every answer computed again."""
    kept_app = create_app(make_settings(tmp_path / "on"), store=store)
    searched_app = create_app(
        make_settings(tmp_path / "off", pathway_answer_cache=False), store=store
    )
    with TestClient(kept_app) as kept, TestClient(searched_app) as searched:

        def asked(params: dict[str, Any], accept: str) -> bytes:
            h = {"accept": accept}
            first = kept.get("/pathways", params=params, headers=h)
            again = kept.get("/pathways", params=params, headers=h)
            posted = kept.post("/pathways/search", json=params, headers=h)
            reference = searched.get("/pathways", params=params, headers=h)
            for r in (first, again, posted, reference):
                assert r.status_code == 200
                assert r.headers["content-type"] == reference.headers["content-type"]
            assert first.content == again.content == posted.content == reference.content
            return first.content

        before = {(i, a): asked(p, a) for i, p in enumerate(ASKED) for a in ("*/*", GEO)}
        data = pathway_data(store)
        assert len(data._answers) == 2 * len(ASKED)  # GET and POST: the same question
        assert json.loads(before[0, "*/*"])["count"] == 0

        # the BTS now in Lot: the first question has a pathway there
        create_offer(
            store,
            "alice",
            OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
        )
        assert not pathway_data(store)._answers  # the new version keeps no answer
        after = {(i, a): asked(p, a) for i, p in enumerate(ASKED) for a in ("*/*", GEO)}
        assert json.loads(after[0, "*/*"])["count"] == 1
        assert after[0, GEO] != before[0, GEO]


def test_a_request_asked_again_in_a_version_is_not_resolved_again(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The route keeps, per version, which resolved question a request asked (build_query's
    work, api/routes/pathways.py): asked again it is not resolved again and gets the same
    bytes, GET and POST alike; an answer dropped from the cache is computed from the request;
    after a write the request is resolved again (and answers the new graph); nothing is kept
    while the commune reference is not loaded."""
    from api.routes import pathways as route

    resolved: list[PathwayRequest] = []

    def counting(s: Any, req: PathwayRequest, **kw: Any) -> PathwayQuery:
        resolved.append(req)
        return build_query(s, req, **kw)

    monkeypatch.setattr(route, "build_query", counting)
    params = ASKED[0]
    with TestClient(create_app(make_settings(tmp_path), store=store)) as client:
        first = client.get("/pathways", params=params)
        assert first.status_code == 200 and json.loads(first.content)["count"] == 0
        assert client.get("/v1/pathways", params=params).content == first.content
        assert client.post("/pathways/search", json=params).content == first.content
        assert len(resolved) == 1
        pathway_data(store)._answers.clear()  # dropped (the cache's size cap)
        assert client.get("/pathways", params=params).content == first.content
        assert len(resolved) == 2

        create_offer(
            store,
            "alice",
            OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
        )
        after = client.get("/pathways", params=params)
        assert len(resolved) == 3
        assert json.loads(after.content)["count"] == 1

        monkeypatch.setattr(route, "communes_loaded", lambda: False)
        other = {**params, "limit": 3}
        client.get("/pathways", params=other)
        client.get("/pathways", params=other)
        assert len(resolved) == 5


def test_a_version_read_earlier_in_the_request_never_brings_an_older_cache_back(
    store: GraphStore,
) -> None:
    """The route passes the version the ETag middleware read: the cache of that version is
    used without a second read, but a request that read a version the cache has since left
    (a write between its read and another request's) reads it again."""
    old = pathway_data(store)
    assert old.version is not None
    assert pathway_data(store, old.version) is old  # no version read needed
    create_offer(
        store,
        "alice",
        OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
    )
    current = pathway_data(store)  # another request after the write
    assert current is not old and current.version == store.version() != old.version
    assert pathway_data(store, old.version) is current  # read again: never back to the old
    assert pathway_data(store, current.version) is current


def _coverage_of(rows: list[dict[str, Any]], territory: Territory) -> tuple[Any, Any]:
    """What an answer builds from a territory's coverage rows: the summary, the centre."""
    from graph.coverage import summarise
    from graph.pathways.find import _centre

    return summarise(rows, territory), _centre(rows)


def test_a_territory_s_coverage_is_carried_over_an_edit_of_its_offers(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The coverage rows of a territory (what an answer says the data holds there, and the
    centre it measures far steps from) are kept per version; after an edit of offers only the
    touched diplomas' rows are read again, and they build what a fresh read builds; after an
    edit of an actor (its name, its campuses) they are read whole."""
    from graph.coverage import read_coverage
    from graph.edits import ActorUpdate, update_actor

    territories = [
        Territory(departements=["046"]),
        Territory(departements=["012", "046"]),
        Territory(near=Point(lat=44.6, lon=1.9), radius_km=60),
        Territory(campus="mini"),
    ]
    reads = recorded_reads(store, monkeypatch)

    def check(data: Any, expected_reads: list[str]) -> None:
        for t in territories:
            reads.clear()
            got = _coverage_of(data.coverage_rows(store, t), t)
            assert reads == expected_reads, (t, reads)
            assert got == _coverage_of(read_coverage(store, t), t)

    data = pathway_data(store)
    check(data, ["coverage_offers"])
    check(data, [])  # kept for the version
    lot_before = _coverage_of(data.coverage_rows(store, territories[0]), territories[0])

    create_offer(  # the BTS in Figeac (46): a new row in three of the territories
        store,
        "alice",
        OfferCreate(actor="iut-b", diploma="32025002", modality="school", source=SRC),
    )
    fresh = pathway_data(store)
    assert fresh.carried_from == data.version
    check(fresh, ["coverage_offers_of"])
    check(fresh, [])
    lot_after = _coverage_of(fresh.coverage_rows(store, territories[0]), territories[0])
    assert lot_after != lot_before  # the edit is seen

    create_partnership(  # touches no offer: the rows are carried as they are
        store, "alice", PartnershipCreate(a="iut-b", b="lycee-a", kind="convention", source=SRC)
    )
    check(pathway_data(store), [])

    update_actor(store, "alice", "iut-b", ActorUpdate(name="IUT de Figeac (renommé)", source=SRC))
    renamed = pathway_data(store)
    assert renamed.carried_from is not None
    check(renamed, ["coverage_offers"])


def test_legs_with_closed_targets_replaced_are_carried_but_for_the_touched_diplomas(
    store: GraphStore,
) -> None:
    """An edit closes no diploma (only an import does, and carries nothing): the legs kept
    with their closed targets replaced are carried over it, but for the diplomas whose legs it
    touched; a search after it answers as a search that reads everything again."""
    keep_warm(store)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=30)
    find_pathways(store, _bts_in_lot())
    opened = dict(data.open_legs)
    assert "40025005" in opened
    create_offer(
        store,
        "alice",
        OfferCreate(actor="iut-b", diploma="40025005", modality="school", source=SRC),
    )
    fresh = pathway_data(store)
    assert "40025005" not in fresh.open_legs  # its legs are read again
    assert all(fresh.open_legs[c] is legs for c, legs in opened.items() if c != "40025005")
    assert find_pathways(store, _bts_in_lot()) == find_pathways(Uncached(store), _bts_in_lot())  # type: ignore[arg-type]


def test_a_preload_reads_the_rows_a_lazy_cache_reads(store: GraphStore) -> None:
    """The preload (the diplomas' rows by chunks) fills the cache with the rows that reading
    each diploma when a search asks for it gives."""
    keep_warm(store)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=30)
    codes = sorted(data._offers)
    assert len(codes) == 4
    lazy = PathwayData(store.version())
    assert lazy.offers_of(store, codes) == {c: data._offers[c] for c in codes}
    assert lazy.usable_offers(store, codes) == {c: data._usable[c] for c in codes}
    assert lazy.legs_from(store, codes) == {c: data._legs[c] for c in codes}
    assert lazy.fields_of(store, codes) == {c: data._fields[c] for c in codes}
    assert lazy._actors == data._actors
    assert lazy._by_actor == data._by_actor and lazy._by_passerelle == data._by_passerelle


def test_a_whole_preload_reads_the_establishments_ahead_not_per_chunk(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole preload reads every establishment that offers a diploma with its other reads
    (cypher/pathway_actors_offering.cypher, sent ahead on FalkorDB), not the new ones of each
    chunk of offers on their own: the same establishments as a lazy cache reads."""
    reads = recorded_reads(store, monkeypatch)
    keep_warm(store)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=30)
    assert data.preloaded_s is not None
    assert "pathway_actors" not in reads, reads
    lazy = PathwayData(store.version())
    lazy.offers_of(store, sorted(data._offers))
    assert lazy._actors == data._actors
    assert list(data._actors) == sorted(data._actors)
    assert "pathway_actors" in reads  # the lazy cache reads them as it meets them


def test_programme_territories_are_carried_over_an_edit_of_offers(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The campus programmes' territories (worked out from the départements of their offers)
    are carried over an edit of offers, the touched diplomas read again, and equal what a
    cache of the new version reads whole; an edit of an actor reads them whole."""
    from graph.edits import ActorUpdate, update_actor

    reads = recorded_reads(store, monkeypatch)
    data = pathway_data(store)
    before = data.programme_territories(store)
    assert before  # the mini campus's programmes have a territory
    for diploma, actor in (("32025002", "iut-b"), ("40025005", "lycee-a")):
        create_offer(  # in Lot (46) and then in Aveyron (12)
            store,
            "alice",
            OfferCreate(actor=actor, diploma=diploma, modality="continuing", source=SRC),
        )
        fresh = pathway_data(store)
        assert fresh.carried_from is not None
        reads.clear()
        got = fresh.programme_territories(store)
        assert reads == ["pathway_programme_territories_of"]
        assert got == PathwayData(store.version()).programme_territories(store)
        reads.clear()
        assert fresh.programme_territories(store) is got and not reads
    update_actor(store, "alice", "iut-b", ActorUpdate(name="IUT de Figeac (renommé)", source=SRC))
    renamed = pathway_data(store)
    reads.clear()
    got = renamed.programme_territories(store)
    assert reads == ["pathway_programme_territories"]
    assert got == PathwayData(store.version()).programme_territories(store)


def test_the_preload_tests_every_diploma_name_for_a_common_year(store: GraphStore) -> None:
    """A first answer's walk and notice find every diploma's common-year test made (by the
    preload, in the background), not made while the learner waits."""
    from graph.diploma_names import _common_texts, is_common_year, is_common_year_kept

    _common_texts.cache_clear()
    keep_warm(store)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=30)
    rows = list(data.diplomas(store, data.all_codes(store)).values())
    assert rows
    misses = _common_texts.cache_info().misses
    assert [is_common_year_kept(d) for d in rows] == [is_common_year(d) for d in rows]
    assert _common_texts.cache_info().misses == misses


@pytest.mark.parametrize(
    "params",
    [
        {"from_level": 4, "to_level": 5},
        {"from_level": 4, "to_level": 5, "departements": "12,46"},
    ],
)
def test_a_question_from_a_level_reads_no_territory_s_coverage(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch, params: dict[str, Any]
) -> None:
    """A question from a level names no goal of a neighbouring field (no field to be next
    to), so it never needs where the territory's distances start: its coverage, whose mean
    place that is without a home, is not read (the whole country's, for a question with no
    territory: ~3 s of CPU on a worker's first such question at national size)."""
    keep_warm(store)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=30)
    reads = recorded_reads(store, monkeypatch)
    answer = find_pathways(store, build_query(store, PathwayRequest.model_validate(params)))
    assert answer.count > 0
    assert not [r for r in reads if r.startswith("coverage")], reads


def _asked_twice_as_alone(
    store: GraphStore, wheres: list[dict[str, Any]]
) -> tuple[list[PathwayRequest], list[Any]]:
    """Levels 3 → 5 and 4 → 6 asked in each of ``wheres``: each answered without any cache,
    then asked twice on a fresh cache, each after the others, must answer the same. The
    questions and their uncached answers."""
    reqs = [
        PathwayRequest.model_validate({"from_level": level, "to_level": level + 2, **where})
        for where in wheres
        for level in (3, 4)
    ]
    uncached: Any = Uncached(store)
    alone = [find_pathways(uncached, build_query(uncached, r)) for r in reqs]
    forget(store)
    for _ in range(2):
        for req, expected in zip(reqs, alone, strict=True):
            assert find_pathways(store, build_query(store, req)) == expected
    return reqs, alone
