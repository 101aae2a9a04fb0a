"""Property-based fuzz of the whole OpenAPI document with schemathesis, in process (ASGI).

Every operation of ``app.openapi()`` is fuzzed twice: with schema-valid inputs (positive) and with
schema-violating ones (negative). Checks:

- ``not_a_server_error``: never a 5xx, whatever the input;
- ``response_schema_conformance`` and ``content_type_conformance``: what is answered is what the
  document declares (the GeoJSON endpoints declare a FeatureCollection schema; /gaps.csv declares
  ``text/csv`` without a schema, so only its status and content type are checked);
- positive cases: ``status_code_conformance`` (a valid request gets a documented status);
- negative cases: ``negative_data_rejection`` (what the schema forbids is refused with a 4xx).

Most pathway and gap requests drawn from the schema alone fail the cross-field rules (a start and
a goal, ``near`` with ``radius_km``), so a second pass draws those from the graph's real codes,
communes, campuses and sectors, and checks the answers (JSON and GeoJSON) against the schema.

The app runs on its own store loaded with ``seeds/``, on each engine (edits are fuzzed too, with
an editor token, so the shared seed store is not used). Examples are bounded and derandomised:
the run is deterministic and takes well under 90 s. The counts are printed at the end.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import create_app
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.models import DiplomaType, Modality
from graph.settings import Settings
from tests.conftest import SEEDS, StoreMaker, make_settings

EXAMPLES = 40  # per operation and generation mode
REALISTIC_EXAMPLES = 40  # per pathway / gap operation
TOKEN = "fuzz-editor-token-0123456789"
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def _operation_labels() -> list[str]:
    """'METHOD /path' of every documented operation, read from the app (no database needed)."""
    spec = create_app(Settings(data_dir=Path("unused"))).openapi()
    return [
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    ]


OPERATIONS = _operation_labels()
COMMON = [not_a_server_error, response_schema_conformance, content_type_conformance]
CHECKS = {
    GenerationMode.POSITIVE: [*COMMON, status_code_conformance],
    GenerationMode.NEGATIVE: [*COMMON, negative_data_rejection],
}
HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same cases on every run
    deadline=None,
    database=None,  # no .hypothesis/ folder
    phases=[Phase.explicit, Phase.generate],  # failures are collected below, not shrunk
    suppress_health_check=list(HealthCheck),
)


FUZZ_RESPONSE_TIMEOUT_S = 60


class Report:
    def __init__(self) -> None:
        self.cases: collections.Counter[str] = collections.Counter()
        self.statuses: dict[str, collections.Counter[int]] = collections.defaultdict(
            collections.Counter
        )
        self.failures: list[str] = []

    def run(self, label: str, case: Any, checks: list[Callable[..., Any]], **kw: Any) -> int:
        self.cases[label] += 1
        # schemathesis' own limit is 10 s a response: a first gap report at national-like
        # cost under ``make test``'s load (two workers, a JVM, Chromium on 2 cores) once took
        # longer (gaps23–26, a fresh clone's lone failure). The fuzz checks what is answered;
        # time is the benchmarks' (bench/), so the limit only stops a request that hangs.
        kw.setdefault("timeout", FUZZ_RESPONSE_TIMEOUT_S)
        response = case.call(**kw)
        self.statuses[label][response.status_code] += 1
        try:
            case.validate_response(response, checks=checks)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis' FailureGroup
            self.failures.append(f"{label}: {exc}")
        return response.status_code


REPORT = Report()


@pytest.fixture(scope="module")
def fuzz_app(session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    store = session_stores()  # closed at the end of the session
    load_seeds(store, load_seed_dir(SEEDS))
    settings_ = make_settings(tmp_path_factory.mktemp("fuzz-app"), api_tokens=f"fuzz:{TOKEN}")
    app = create_app(settings_, store=store)
    with TestClient(app):  # runs the lifespan: app.state.store is set
        yield app


@pytest.fixture(scope="module")
def fuzz_schema(fuzz_app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


def test_every_route_is_in_the_document(fuzz_app: Any) -> None:
    """The fuzz covers what the document lists: every API route must be listed."""
    assert len(OPERATIONS) >= 20
    documented = set(OPERATIONS)
    for route in fuzz_app.routes:
        methods = getattr(route, "methods", None)
        if not methods or not getattr(route, "include_in_schema", False):
            continue
        for method in methods - {"HEAD", "OPTIONS"}:
            assert f"{method} {route.path}" in documented


def _fuzz_test(operation: Any, label: str, mode: GenerationMode) -> Callable[[], None]:
    @HYPOTHESIS
    @given(case=operation.as_strategy(generation_mode=mode))
    def fuzz(case: Any) -> None:
        if mode is GenerationMode.POSITIVE:
            # Edits are fuzzed as an editor: otherwise most would stop at the 401.
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
        REPORT.run(f"{label} [{mode.value}]", case, CHECKS[mode])

    return fuzz


@pytest.mark.parametrize("label", OPERATIONS)
def test_operation(label: str, fuzz_schema: Any) -> None:
    operation = fuzz_schema.find_operation_by_label(label)
    assert operation is not None, label
    before = len(REPORT.failures)
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        try:
            _fuzz_test(operation, label, mode)()
        except Unsatisfiable:
            # Nothing to negate in an operation without parameters (GET /health, /campuses).
            assert mode is GenerationMode.NEGATIVE
    new = REPORT.failures[before:]
    assert not new, f"{len(new)} failing cases, first:\n{new[0]}"


# -- realistic pathway and gap requests ------------------------------------------------------


@pytest.fixture(scope="module")
def graph_values(fuzz_app: Any) -> dict[str, list[Any]]:
    """Codes, campuses, communes and sectors of the loaded graph, to draw requests from."""
    store = fuzz_app.state.store
    sites = store.read(
        "sites_list", departement=None, campus=None, q=None, words=[], skip=0, limit=500
    )
    sectors = [r["sector"] for r in store.read("gaps_sectors")]
    values = {
        "codes": sorted(r["code"] for r in store.read("diplomas_index")),
        "campuses": sorted(r["campus"]["id"] for r in store.read("campuses_list")),
        "insee": sorted(i["insee"] for i in sites[0]["items"] if i["lat"] is not None),
        "departements": sorted({i["departement"] for i in sites[0]["items"]}),
        "sectors": sorted(s["id"] for s in sectors),
        "rome": sorted({c for s in sectors for c in (s.get("rome") or [])}),
    }
    assert all(values.values()), {k: len(v) for k, v in values.items()}
    return values


def _latlon(lat: float, lon: float) -> str:
    return f"{lat:.4f},{lon:.4f}"


def _pathway_params(v: dict[str, list[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """Requests that pass the cross-field rules most of the time (a start, a goal, a place)."""
    optional = {
        "home": st.sampled_from(v["insee"])
        | st.builds(_latlon, st.floats(41, 51.5), st.floats(-5, 9.5)),
        "campus": st.sampled_from(v["campuses"]),
        "departements": st.lists(st.sampled_from(v["departements"]), min_size=1, max_size=4).map(
            ",".join
        ),
        "allow_outside": st.booleans(),
        "modality": st.sampled_from([*(m.value for m in Modality), "any"]),
        "max_steps": st.integers(1, 6),
        "limit": st.integers(1, 50),
    }
    start = st.one_of(
        st.fixed_dictionaries({"from": st.sampled_from(v["codes"])}),
        st.fixed_dictionaries(
            {"from_level": st.integers(3, 7)},
            optional={"sector": st.sampled_from(v["sectors"] + v["rome"])},
        ),
    )
    goal = st.one_of(
        st.fixed_dictionaries({"to": st.sampled_from(v["codes"])}),
        st.fixed_dictionaries({"to_type": st.sampled_from([t.value for t in DiplomaType])}),
        st.fixed_dictionaries({"to_level": st.integers(4, 8)}),
        st.fixed_dictionaries({"job": st.sampled_from(v["sectors"] + v["rome"])}),
    )
    near = st.fixed_dictionaries(
        {"near": st.sampled_from(v["insee"]), "radius_km": st.floats(1, 500).map(round)}
    )
    return st.builds(
        lambda a, b, c, d: {**a, **b, **c, **d},
        start,
        goal,
        st.fixed_dictionaries({}, optional=optional),
        near | st.just({}),
    )


def _gap_params(v: dict[str, list[Any]], csv: bool) -> st.SearchStrategy[dict[str, Any]]:
    optional: dict[str, st.SearchStrategy[Any]] = {
        "campus": st.sampled_from(v["campuses"]),
        "sector": st.sampled_from(v["sectors"]),
        "departements": st.lists(st.sampled_from(v["departements"]), min_size=1, max_size=4).map(
            ",".join
        ),
        "limit": st.integers(1, 500),
    }
    required: dict[str, st.SearchStrategy[Any]] = {}
    if csv:
        required["section"] = st.sampled_from(
            [
                "continuum_breaks",
                "dead_ends",
                "unmet_demand",
                "isolated_actors",
                "suggested_partnerships",
                "brokers",
            ]
        )
    near = st.fixed_dictionaries(
        {"near": st.sampled_from(v["insee"]), "radius_km": st.floats(1, 500).map(round)}
    )
    return st.builds(
        lambda a, b: {**a, **b},
        st.fixed_dictionaries(required, optional=optional),
        near | st.just({}),
    )


REALISTIC = [
    ("GET /v1/pathways", "query", None),
    ("GET /v1/pathways", "query", "application/geo+json"),
    ("GET /v1/pathways.geojson", "query", None),
    ("POST /v1/pathways/search", "body", None),
    ("GET /v1/gaps", "query", None),
    ("GET /v1/gaps.csv", "query", None),
]


@pytest.mark.parametrize(("label", "where", "accept"), REALISTIC)
def test_realistic_requests(
    label: str, where: str, accept: str | None, fuzz_schema: Any, graph_values: Any, engine: str
) -> None:
    operation = fuzz_schema.find_operation_by_label(label)
    if label.startswith("GET /v1/gaps"):
        params = _gap_params(graph_values, csv=label.endswith(".csv"))
    else:
        params = _pathway_params(graph_values)
    tag = f"{label} [realistic{', ' + accept if accept else ''}] {engine}"
    before = len(REPORT.failures)

    @settings(HYPOTHESIS, max_examples=REALISTIC_EXAMPLES)
    @given(p=params)
    def fuzz(p: dict[str, Any]) -> None:
        if where == "body":
            case = operation.Case(body=p, media_type="application/json")
        else:
            case = operation.Case(query=p)
        if accept:
            case.headers = {"Accept": accept}
        REPORT.run(tag, case, CHECKS[GenerationMode.POSITIVE])

    fuzz()
    new = REPORT.failures[before:]
    assert not new, f"{len(new)} failing cases, first:\n{new[0]}"
    ok = REPORT.statuses[tag][200]
    assert ok >= REALISTIC_EXAMPLES // 4, f"too few answers to check: {dict(REPORT.statuses[tag])}"


# -- stateful phase ----------------------------------------------------------------------------

STATEFUL_SCENARIOS = 25
STATEFUL_STEPS = 8


def test_stateful(fuzz_schema: Any) -> None:
    """Schemathesis's stateful phase: sequences of calls linked by the values answers give
    (create an actor, then read, patch and delete it…), as an editor; after each step the same
    checks as above (it found the PATCH that took pages down: a null name answered 200 and
    every later read of the actor failed)."""
    machine = fuzz_schema.as_state_machine()
    label = "stateful"

    class Editing(machine):  # type: ignore[misc, valid-type]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": {"Authorization": f"Bearer {TOKEN}"}}

        def validate_response(
            self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any
        ) -> None:
            REPORT.cases[label] += 1
            REPORT.statuses[label][response.status_code] += 1
            try:
                case.validate_response(response, checks=[*COMMON], transport_kwargs=kwargs)
            except (Exception, BaseExceptionGroup) as exc:
                REPORT.failures.append(f"{label} {case.method} {case.path}: {exc}")

    before = len(REPORT.failures)
    Editing.run(
        settings=settings(
            HYPOTHESIS, max_examples=STATEFUL_SCENARIOS, stateful_step_count=STATEFUL_STEPS
        )
    )
    new = REPORT.failures[before:]
    assert REPORT.cases[label] >= STATEFUL_SCENARIOS, dict(REPORT.statuses[label])
    assert not new, f"{len(new)} failing steps, first:\n{new[0]}"


def test_report(capsys: pytest.CaptureFixture[str]) -> None:
    """Print the counts (pytest -s, or the summary below on failure)."""
    total = sum(REPORT.cases.values())
    lines = [f"schemathesis fuzz: {total} cases over {len(REPORT.cases)} operation/mode pairs"]
    for label in sorted(REPORT.cases):
        statuses = ", ".join(f"{k}: {n}" for k, n in sorted(REPORT.statuses[label].items()))
        lines.append(f"  {label:60s} {REPORT.cases[label]:4d}  {{{statuses}}}")
    lines.append(f"failures: {len(REPORT.failures)}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    if total:  # when the fuzz tests ran in this session
        assert not any(s >= 500 for c in REPORT.statuses.values() for s in c)
