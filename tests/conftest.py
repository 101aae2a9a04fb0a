"""Shared fixtures: real databases (never a mock), on each engine.

The store fixtures are parametrised by ``engine``: ``falkordb`` (embedded FalkorDB in a temporary
directory, always available) and ``neo4j`` (a Neo4j 5 server from tests/neo4j_server.py, marked
``neo4j``: ``pytest -m neo4j`` runs those alone, ``-m "not neo4j"`` the FalkorDB ones). One
Neo4j JVM serves the whole session; each store that needs its own graph gets its own server in it.
``make test`` runs two sessions side by side (pytest-xdist workers, see :func:`work_unit`): each
worker has its own Neo4j JVM and its own session stores.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.engines.falkordb_store import FalkorDBStore
from graph.engines.neo4j_store import Neo4jStore
from graph.ingest.opendata import run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.settings import Settings
from graph.store import GraphStore
from tests.neo4j_server import Neo4jPool, neo4j_unavailable

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MINI_SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds_mini"

ENGINES = ["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)]


# A test store's query timeout: ``make test`` runs two workers beside a Neo4j JVM and
# Chromium on 2 cores, where a seed load's write once took over the product's 10 s default
# (a fixture error, not a finding); tests of the timeout itself pass theirs.
TEST_QUERY_TIMEOUT_MS = 60_000


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    return Settings(
        graph_uri="embedded",
        data_dir=data_dir,
        **{"query_timeout_ms": TEST_QUERY_TIMEOUT_MS, **overrides},
    )


SHARED_GRAPHS: dict[str, tuple[str, ...]] = {
    "tests/integration/test_answers16.py": ("tests/integration/test_honest19.py",),
    "tests/integration/test_actor_search_words.py": ("tests/integration/test_job_words.py",),
    "tests/integration/test_diplomas18.py": (
        "tests/integration/test_fixes21.py",
        "tests/integration/test_fixes23.py",
    ),
    "tests/integration/test_honest_answers_round3.py": ("tests/integration/test_seconde_start.py",),
    "tests/integration/test_pathway_ranking.py": ("tests/integration/test_pathways_after_3e.py",),
    "tests/integration/test_search17.py": ("tests/integration/test_search18.py",),
}
"""Modules that read one and the same imported graph (:func:`imported_client_fixture` with
the same fixture, seeds and day, and no write): the first module of each entry, then the
others, on one worker (:func:`work_unit`), which imports it once per engine
(:func:`shared_imports`). A module listed here that asks another graph fails."""

_SHARED_UNIT = {m: first for first, rest in SHARED_GRAPHS.items() for m in (first, *rest)}


OWN_UNIT_TESTS: dict[str, str] = {
    "tests/e2e/test_browser.py::test_offers_a_thin_file_omits_are_marked_and_said_why_once": (
        "thin_server"
    ),
    "tests/e2e/test_browser.py::test_a_commune_centre_place_is_said_approximate": "place_server",
    "tests/e2e/test_browser.py::test_carte_overseas_outline_and_dense_names": "map_server",
}
"""Tests that are a unit of work of their own (per engine), named by the fixture that only
they use: each browser test here needs a server nothing else in its module asks for (seeds, an
import, ``cmq serve``, a Chromium), so on another worker it costs nothing more, and the
browser suite's main run no longer carries them (about a fifth of its time on FalkorDB)."""


def work_unit(nodeid: str) -> str:
    """The unit of work of a test under ``pytest -n 2 --dist loadscope`` (``make test``): its
    module and its engine (the ``falkordb`` or ``neo4j`` in its parameter id), so that a
    module's fixtures (an imported graph, the browser's servers) are built once per engine, by
    the worker that runs the whole unit. The modules of one entry of :data:`SHARED_GRAPHS`
    are one unit, named by the first; a test of :data:`OWN_UNIT_TESTS` is one by itself.

    >>> work_unit("tests/security/test_bounds.py::test_one_past[neo4j-/pathways-params0]")
    'tests/security/test_bounds.py:neo4j'
    >>> work_unit("tests/unit/test_territory.py::test_codes[12-012]")
    'tests/unit/test_territory.py'
    >>> work_unit("tests/integration/test_fixes23.py::test_no_passerelle[falkordb]")
    'tests/integration/test_diplomas18.py:falkordb'
    >>> work_unit("tests/e2e/test_browser.py::test_carte_overseas_outline_and_dense_names[neo4j]")
    'tests/e2e/test_browser.py[map_server]:neo4j'
    """
    module, _, rest = nodeid.partition("::")
    own = OWN_UNIT_TESTS.get(nodeid.partition("[")[0])
    module = f"{module}[{own}]" if own else _SHARED_UNIT.get(module, module)
    params = rest.rpartition("[")[2].removesuffix("]").split("-") if rest.endswith("]") else []
    engine = next((e for e in ("falkordb", "neo4j") if e in params), None)
    return f"{module}:{engine}" if engine else module


def unit_order(unit: str) -> tuple[int, float]:
    """The sort key of a unit of work in ``make test``'s queue: its engine phase (every
    FalkorDB unit, then every Neo4j unit, then the units without an engine, so that each
    worker changes engine once and builds each session store once), then its expected cost
    (tests/unit_costs.py), longest first. Sorted stably: units of equal cost (those absent
    from the table) keep their collection order.

    >>> sorted(["tests/a.py", "tests/e2e/test_browser.py:neo4j", "tests/b.py:falkordb",
    ...         "tests/lint/test_cypher_lint.py", "tests/e2e/test_browser.py:falkordb"],
    ...        key=unit_order)  # doctest: +NORMALIZE_WHITESPACE
    ['tests/e2e/test_browser.py:falkordb', 'tests/b.py:falkordb',
     'tests/e2e/test_browser.py:neo4j', 'tests/lint/test_cypher_lint.py', 'tests/a.py']
    """
    from tests.unit_costs import UNIT_COSTS

    phase = 0 if unit.endswith(":falkordb") else 1 if unit.endswith(":neo4j") else 2
    return phase, -UNIT_COSTS.get(unit, 0.0)


SLOW_ON_NEO4J = {
    "tests/e2e/test_browser.py::test_offers_a_thin_file_omits_are_marked_and_said_why_once",
    "tests/e2e/test_browser.py::test_a_commune_centre_place_is_said_approximate",
    "tests/e2e/test_browser.py::test_carte_overseas_outline_and_dense_names",
    "tests/fuzz/test_openapi_fuzz.py::test_operation",
}
"""Tests marked ``slow`` on Neo4j only (``make test`` leaves them out, ``make test-all`` runs
them; docs/testing.md, « Slow suites »). The three browser tests each need a server of their
own (seeds, an import, a ``cmq serve``, a Chromium) for one browser scenario, whose page is
checked on FalkorDB in ``make test``, and whose answers on Neo4j by integration tests: over the
same fixture for the first two (test_honest_answers_round3, test_place_precision), over others
for the map's endpoints (test_map_filters, test_map_around). The fuzz's per-operation test
(schema-drawn and schema-violating requests to every operation: about 3 000 calls per engine)
checks what the app makes of a request before and after the store — validation, the answer's
schema, no 5xx — and runs in ``make test`` on FalkorDB; on Neo4j, hostile values in every text
parameter of every GET operation and of the pathway search body, and in every read query, reach
the engine in test_injection, every bound is probed in test_bounds and test_params, and the
fuzz's realistic requests and stateful edits still run (docs/testing.md, testtime26)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.partition("[")[0] in SLOW_ON_NEO4J and work_unit(item.nodeid).endswith(
            ":neo4j"
        ):
            item.add_marker(pytest.mark.slow)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadscope`` by :func:`work_unit`. With ``--no-loadscope-reorder`` (``make
    test``) the units go out in :func:`unit_order`: engine phase by engine phase (every
    FalkorDB unit, then every Neo4j unit, then the others, so each worker changes engine once
    and loads each session store once), the longest first within each (a long unit never
    starts near the end); without it, xdist's order (most tests first). (xdist's
    ``loadgroup`` cannot be used: it renames test ids, which pytest 9 no longer allows.)"""
    if config.getvalue("dist") != "loadscope":
        return None
    from collections import OrderedDict

    from xdist.scheduler import LoadScopeScheduling

    to_sort = not config.getvalue("loadscopereorder")  # by unit_order, once

    class ModuleEngineScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

        def _assign_work_unit(self, node: Any) -> None:
            # the queue is built in collection order just before the first assignment
            nonlocal to_sort
            if to_sort:
                to_sort = False
                workqueue: OrderedDict[str, dict[str, bool]] = self.workqueue  # type: ignore[has-type]
                queue = sorted(workqueue.items(), key=lambda unit: unit_order(unit[0]))
                self.workqueue = OrderedDict(queue)
            super()._assign_work_unit(node)

    return ModuleEngineScheduling(config, log)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--unit-durations",
        type=int,
        default=0,
        metavar="N",
        help="print the N longest units of work (module and engine, see work_unit): their "
        "summed test durations, the worker that ran them and when (seconds into the run)",
    )


class UnitClock:
    """Per unit of work (:func:`work_unit`): the worker, when it started and ended (seconds
    since the session started: the start of its first test's setup, the end of its last
    report) and the summed setup, call and teardown durations, as the controller receives them
    (``--unit-durations``)."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.units: dict[str, list[Any]] = {}

    def add(self, report: pytest.TestReport) -> None:
        now = time.monotonic()
        node = getattr(report, "node", None)
        worker = node.gateway.id if node is not None else "-"
        end = now - self.start
        unit = self.units.setdefault(
            work_unit(report.nodeid), [worker, max(0.0, end - report.duration), 0, 0.0]
        )
        unit[2] = end
        unit[3] += report.duration

    def lines(self, count: int) -> list[str]:
        ranked = sorted(self.units.items(), key=lambda u: -u[1][3])[:count]
        return [
            f"{total:8.1f}s  {worker:>6}  {first:5.0f} .. {last:<5.0f}  {unit}"
            for unit, (worker, first, last, total) in ranked
        ]


_UNIT_CLOCK = UnitClock()


def pytest_sessionstart(session: pytest.Session) -> None:
    _UNIT_CLOCK.start = time.monotonic()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _UNIT_CLOCK.add(report)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    count = config.getoption("--unit-durations")
    if count and _UNIT_CLOCK.units:
        terminalreporter.write_sep("=", f"{count} longest units of work")
        terminalreporter.write_line("  summed  worker   from .. to (s)  unit")
        for line in _UNIT_CLOCK.lines(count):
            terminalreporter.write_line(line)


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The engine of the test's stores (every store fixture below follows it)."""
    return request.param


@pytest.fixture(scope="session")
def neo4j_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jPool]:
    reason = neo4j_unavailable()
    if reason is not None:
        pytest.skip(reason)
    pool = Neo4jPool(tmp_path_factory.mktemp("neo4j"))
    try:
        yield pool
    finally:
        pool.close()


class StoreMaker:
    """Opens fresh, empty stores on one engine and closes them (and frees their Neo4j server)
    when the fixture that owns it ends."""

    def __init__(self, engine: str, root: Path, request: pytest.FixtureRequest) -> None:
        self.engine = engine
        self.root = root
        self._request = request
        self._stack = ExitStack()
        self._count = 0

    def __call__(self, **overrides: Any) -> GraphStore:
        self._count += 1
        data_dir = self.root / f"db{self._count}"
        store: GraphStore
        if self.engine == "falkordb":
            store = FalkorDBStore(make_settings(data_dir, **overrides))
        else:
            pool: Neo4jPool = self._request.getfixturevalue("neo4j_pool")
            uri = pool.acquire()
            self._stack.callback(pool.release, uri)
            store = Neo4jStore(pool.settings(uri, data_dir, **overrides))
        self._stack.callback(store.close)
        return store

    def close(self) -> None:
        self._stack.close()


@pytest.fixture
def new_store(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., GraphStore]]:
    """``new_store(**settings)``: a fresh empty store on the test's engine, closed at the end."""
    maker = StoreMaker(engine, tmp_path / "stores", request)
    try:
        yield maker
    finally:
        maker.close()


@pytest.fixture(scope="session")
def session_stores(
    engine: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[StoreMaker]:
    """Stores that live for the session (loaded once), on the session's engine."""
    maker = StoreMaker(engine, tmp_path_factory.mktemp(f"stores-{engine}"), request)
    try:
        yield maker
    finally:
        maker.close()


@pytest.fixture
def empty_store(new_store: Callable[..., GraphStore]) -> GraphStore:
    return new_store()


@pytest.fixture(scope="session")
def mini_store(session_stores: StoreMaker) -> GraphStore:
    """The hand-built mini campus (known answers). Tests must not modify it."""
    store = session_stores()
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    return store


@pytest.fixture(scope="session")
def seed_store(session_stores: StoreMaker) -> GraphStore:
    """The real seed data of the five campuses. Tests must not modify it."""
    store = session_stores()
    load_seeds(store, load_seed_dir(SEEDS))
    return store


@pytest.fixture(scope="session")
def mini_client(
    mini_store: GraphStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=mini_store)
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="session")
def seed_client(
    seed_store: GraphStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=seed_store)
    with TestClient(app) as client:
        yield client


# --- clients over an import of a fixture cut from the national files ---------------------------


def national_table_seeds(tmp_path_factory: pytest.TempPathFactory, *extra: Path) -> Path:
    """A seed folder with the national table of documented continuations (and ``extra`` seed
    files): what the answers on a national fixture rest on, without any campus."""
    seeds = tmp_path_factory.mktemp("seeds")
    for f in (SEEDS / "continuations-nationales.toml", *extra):
        shutil.copy(f, seeds)
    return seeds


def imported_client(
    store: GraphStore,
    opendata: Path,
    tmp_path_factory: pytest.TempPathFactory,
    *,
    seeds: Path | None = None,
    as_of: date | None = None,
) -> Iterator[TestClient]:
    """The API over ``store`` loaded with ``seeds`` (if any) and an import of ``opendata``
    (closures judged on ``as_of``, today when None); for module-scoped fixtures."""
    if seeds is not None:
        load_seeds(store, load_seed_dir(seeds))
    run_import(store, opendata, as_of=as_of)
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=store)
    with TestClient(app) as c:
        yield c


FIXED_DAY = date(2026, 12, 5)
"""The day closures are judged on over the fixtures cut from the national files (December 2026):
answers that do not change with the date the tests run."""


def imported_client_fixture(
    opendata: Path,
    *,
    seeds: Path | None = None,
    national_table: bool = False,
    extra_seeds: tuple[Path, ...] = (),
    as_of: date | None = None,
) -> Any:
    """A module-scoped fixture named ``client``: :func:`imported_client` over a fresh store of
    the session's engine, with ``seeds`` (a seed folder), or the national table of documented
    continuations with ``extra_seeds`` (``national_table``: :func:`national_table_seeds`), and
    an import of ``opendata`` (closures judged on ``as_of``, today when None). In a test module:
    ``client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)``.
    A module of :data:`SHARED_GRAPHS` gets the client its entry's modules share
    (:func:`shared_imports`): it must ask the same graph and write nothing."""

    def build(
        session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
    ) -> Generator[TestClient, None, None]:
        folder = national_table_seeds(tmp_path_factory, *extra_seeds) if national_table else seeds
        yield from imported_client(
            session_stores(), opendata, tmp_path_factory, seeds=folder, as_of=as_of
        )

    @pytest.fixture(scope="module", name="client")
    def client(
        session_stores: StoreMaker,
        tmp_path_factory: pytest.TempPathFactory,
        request: pytest.FixtureRequest,
    ) -> Iterator[TestClient]:
        module = Path(request.path).resolve().relative_to(ROOT).as_posix()
        if module not in _SHARED_UNIT:
            yield from build(session_stores, tmp_path_factory)
            return
        key = (
            str(opendata.resolve()),
            str(seeds.resolve()) if seeds is not None else None,
            national_table,
            tuple(sorted(str(p.resolve()) for p in extra_seeds)),
            as_of,
        )
        shared: SharedImports = request.getfixturevalue("shared_imports")
        yield shared.client(
            _SHARED_UNIT[module], key, lambda: build(session_stores, tmp_path_factory)
        )

    return client


class SharedImports:
    """The imported graphs of :data:`SHARED_GRAPHS` on one engine, each built once (by the
    first module of its entry that runs) and closed when the engine's session ends."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._clients: dict[str, tuple[tuple[Any, ...], TestClient]] = {}

    def client(
        self,
        group: str,
        key: tuple[Any, ...],
        build: Callable[[], Generator[TestClient, None, None]],
    ) -> TestClient:
        if group not in self._clients:
            made = build()
            self._stack.callback(made.close)  # ends the generator: closes the TestClient
            self._clients[group] = (key, next(made))
        built_key, client = self._clients[group]
        if built_key != key:
            pytest.fail(f"SHARED_GRAPHS: {group}'s modules ask different graphs: {key} {built_key}")
        return client

    def close(self) -> None:
        self._stack.close()


@pytest.fixture(scope="session")
def shared_imports(session_stores: StoreMaker) -> Iterator[SharedImports]:
    """The session's :class:`SharedImports`, on the session's engine (it follows
    ``session_stores``: closed before the engine's stores are)."""
    shared = SharedImports()
    try:
        yield shared
    finally:
        shared.close()


def ask(client: TestClient, **params: Any) -> dict[str, Any]:
    """A pathway answer that must be given (HTTP 200)."""
    r = client.get("/pathways", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def recorded_reads(store: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the queries ``store`` reads from now on, in order (the reads still
    happen: a real database answers them)."""
    reads: list[str] = []
    real_read = store.read

    def read(name: str, /, **params: Any) -> list[dict[str, Any]]:
        reads.append(name)
        return real_read(name, **params)

    monkeypatch.setattr(store, "read", read)
    return reads
