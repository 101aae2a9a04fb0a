"""The parameter boundary (graph.params.check_param) and the FalkorDB client's serialisation.

The FalkorDB client writes parameters into the query text (``CYPHER p="…" MATCH …``), escaping
only quotes and backslashes. Property test: any text, list or map of text is either refused by
check_param (NUL, lone surrogates, bad map keys) or reaches the engine and comes back unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from falkordb.graph import Graph
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.main import create_app
from graph.engines.falkordb_params import params_header
from graph.engines.falkordb_store import FalkorDBStore
from graph.errors import InvalidQuery
from graph.params import check_param, split_params
from graph.settings import Settings
from tests.security.hostile import probe

# Every code point, surrogates and NUL included (hypothesis leaves surrogates out by default).
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None)
TEXT = st.text(ANY_CHAR, max_size=60) | st.sampled_from(["\\", '"', "'", '\\"', "`", "*/"])


def refused(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return "\x00" in value
    if isinstance(value, list):
        return any(refused(v) for v in value)
    if isinstance(value, dict):
        return any(refused(k) or not k or "`" in k or refused(v) for k, v in value.items())
    return False


def test_check_param_refuses_what_the_engines_cannot_carry() -> None:
    for bad in [
        "\x00",
        "a\x00",
        "\ud800",
        ["x", "\udc00"],
        {"k": ["\x00"]},
        {"": 1},
        {"a`b": 1},
        2**63,
        -(2**63) - 1,
        float("nan"),
        float("inf"),
        b"bytes",
    ]:
        with pytest.raises(InvalidQuery):
            check_param(bad)
    for good in [
        "",
        "'\"\\`",
        "\x01",
        "é𝔘😀",
        2**63 - 1,
        -(2**63),
        1.5,
        None,
        True,
        [1, "a"],
        {"k v": {"é": [None]}},
    ]:
        assert check_param(good) == good
    with pytest.raises(InvalidQuery, match=r"parameter \$\.q contains a NUL"):
        split_params({"q": "a\x00", "max_hops": 3})


@pytest.fixture(scope="module")
def echo(seed_store: FalkorDBStore, tmp_path_factory: pytest.TempPathFactory) -> Any:
    with probe(seed_store, tmp_path_factory.mktemp("probe")) as p:
        yield p


@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(value=TEXT | st.lists(TEXT, max_size=4) | st.dictionaries(TEXT, TEXT, max_size=3))
def test_any_text_is_refused_or_round_trips_exactly(echo: Any, value: Any) -> None:
    if refused(value):
        with pytest.raises(InvalidQuery):
            echo.read("probe_echo", p=value)
    else:
        assert echo.read("probe_echo", p=value) == [{"p": value}]


def test_api_answers_422_not_500_to_nul_and_lone_surrogates(
    seed_store: FalkorDBStore, tmp_path: Path
) -> None:
    """Found by this suite: /actors?q=%00 was a 500 (the NUL cut the query on FalkorDB) and a
    JSON body with "\\ud800" made FastAPI's own 422 handler crash while echoing it (500)."""
    app = create_app(Settings(data_dir=tmp_path), store=seed_store)
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in ("/actors", "/sites", "/diplomas", "/platforms"):
            r = client.get(path, params={"q": "a\x00b"})
            assert r.status_code == 422, (path, r.text)
        for body in (b'{"from": "\\ud800", "to_level": 5}', b'{"home": "a\\udfffb"}'):
            r = client.post(
                "/pathways/search", content=body, headers={"Content-Type": "application/json"}
            )
            assert r.status_code == 422, r.text
            assert r.json()["detail"]  # a JSON body that says what went wrong


def _falkordb_py_header(params: dict[str, Any]) -> str:
    return str(Graph._build_params_header(None, params))


JSON_LIKE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(TEXT, inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=1500, derandomize=True, database=None, deadline=None)
@given(params=st.dictionaries(TEXT, JSON_LIKE, max_size=4))
def test_params_header_is_falkordb_pys_header_and_refuses_what_check_param_refuses(
    params: dict[str, Any],
) -> None:
    """graph.engines.falkordb_params writes the parameters in one pass (the import's
    800 000 values): the same text as falkordb-py's serialiser after check_param, and an
    InvalidQuery exactly where check_param raises one."""
    try:
        expected = _falkordb_py_header(check_param(params))
    except InvalidQuery:
        with pytest.raises(InvalidQuery):
            params_header(params)
        return
    assert params_header(params) == expected


def test_params_header_on_the_edge_cases() -> None:
    ok = {"s": 'a"b\\c`\n', "i": 2**63 - 1, "f": 1e-05, "b": True, "n": None, "t": (1, "x")}
    assert params_header(ok) == _falkordb_py_header(check_param(ok))
    assert params_header({}) == "CYPHER "
    cases: list[tuple[dict[str, Any], str]] = [
        ({"rows": [{"a": 1}, {"b": "x\x00"}]}, r"\$\.rows\[1\]\.b"),
        ({"rows": [{"a": "\ud800"}]}, r"\$\.rows\[0\]\.a"),
        ({"rows": [{"": 1}]}, "map keys"),
        ({"x": 2**63}, "64 bits"),
        ({"x": [float("nan")]}, "finite"),
        ({"x": b"bytes"}, "unsupported type"),
    ]
    for bad, where in cases:
        with pytest.raises(InvalidQuery, match=where):
            params_header(bad)
