"""The parameter boundary (graph.params.check_param) and the FalkorDB client's serialisation.

The FalkorDB client writes parameters into the query text (``CYPHER p="…" MATCH …``), escaping
only quotes and backslashes. Property test: any text, list or map of text is either refused by
check_param (NUL, lone surrogates, bad map keys) or reaches the engine and comes back unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.main import create_app
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
