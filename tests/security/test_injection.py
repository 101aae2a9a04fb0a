"""Hostile strings are inert: through the HTTP API, and straight into the named queries.

(a) Every text parameter (query or path) of every GET operation of ``app.openapi()`` (so a new
    endpoint is covered without editing this file), and every text field of the pathway search
    body, receives each payload: the answer is 200, 404 or 422, never a 5xx, and the graph is
    unchanged afterwards (node and relationship counts and a digest of every property).
(b) Every read query of the Cypher library gets each payload in every text parameter and in every
    list item: no error, no write, and the same answer as an innocent unknown value (unless the
    payload really occurs in the data). Write queries run through ``read`` are refused.
(c) Each payload travels to the engine and back byte for byte (``RETURN $p``): on FalkorDB the
    client inlines parameters into the query text, so this is where an escaping bug would show.

Both engines: FalkorDB always; Neo4j through a testcontainer, skipped with the reason when no
Docker engine is reachable.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.paths import unversioned
from graph.cypher import CypherLibrary
from graph.errors import GraphError, InvalidQuery
from graph.settings import Settings
from graph.store import GraphStore
from tests.security.hostile import (
    PAYLOADS,
    REFUSED_BY_STORE,
    SURROGATES,
    fingerprint,
    graph_text,
    hostile_params,
    is_write,
    long_payload,
)

ALLOWED = {200, 404, 422}
CONTROL = "zz-no-such-value-zz"


def _spec() -> dict[str, Any]:
    """The document, its /v1 paths probed through their unprefixed aliases (same routes)."""
    spec = create_app(Settings(data_dir=Path("unused"))).openapi()
    return {**spec, "paths": {unversioned(p): item for p, item in spec["paths"].items()}}


SPEC = _spec()
GET_PATHS = sorted(path for path, item in SPEC["paths"].items() if "get" in item)
LIBRARY = CypherLibrary("falkordb")
READ_QUERIES = [n for n in LIBRARY.names() if not is_write(LIBRARY.get(n))]
WRITE_QUERIES = [n for n in LIBRARY.names() if is_write(LIBRARY.get(n))]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def _types(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    schema = _resolve(schema)
    if "anyOf" in schema:
        for s in schema["anyOf"]:
            yield from _types(s)
    else:
        yield schema


def text_parameters(path: str) -> list[tuple[str, str, bool, int | None]]:
    """(name, 'query'|'path', repeated, maxLength) of the parameters that take text."""
    out = []
    for p in SPEC["paths"][path]["get"].get("parameters", []):
        for s in _types(p["schema"]):
            repeated = s.get("type") == "array"
            item = _resolve(s["items"]) if repeated else s
            if item.get("type") == "string":
                out.append((p["name"], p["in"], repeated, item.get("maxLength")))
                break
    return out


def test_the_openapi_document_has_text_parameters_to_attack() -> None:
    found = {(path, name) for path in GET_PATHS for name, *_ in text_parameters(path)}
    assert ("/actors", "q") in found and ("/pathways", "home") in found
    assert ("/campuses/{campus_id}", "campus_id") in found
    assert len(found) >= 40
    assert len(READ_QUERIES) >= 30 and "actors_list" in READ_QUERIES
    assert any(n.startswith("load_") for n in WRITE_QUERIES)


@pytest.fixture
def values(engine_store: GraphStore) -> dict[str, str]:
    """Real keys, so that the other parameters of a request get past validation."""
    campus = engine_store.read("campuses_list")[0]["campus"]["id"]
    actors = engine_store.read(
        "actors_list",
        kind=None,
        campus=None,
        departement=None,
        q=None,
        words=[],
        keys=[],
        skip=0,
        limit=1,
    )
    passerelles = engine_store.read(
        "passerelles_list", campus=None, kind=None, origin=None, diploma=None, skip=0, limit=1
    )
    codes = sorted(r["code"] for r in engine_store.read("diplomas_index"))
    return {
        "campus_id": campus,
        "actor_id": actors[0]["items"][0]["id"],
        "passerelle_id": passerelles[0]["items"][0]["id"],
        "code": codes[0],
    }


def _base_query(path: str, values: dict[str, str]) -> dict[str, Any]:
    if path.startswith("/pathways"):
        return {"from": values["code"], "to_level": 6}
    if path == "/gaps.csv":
        return {"section": "dead_ends"}
    return {}


def _payloads(max_length: int | None) -> list[str]:
    return PAYLOADS + ([long_payload(max_length)] if max_length else [])


@pytest.fixture
def engine_client(engine_store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(data_dir=tmp_path / "unused"), store=engine_store)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_get_text_parameters_are_inert(
    engine_client: TestClient, engine_probe: GraphStore, values: dict[str, str]
) -> None:
    before = fingerprint(engine_probe)
    bad: list[str] = []
    sent = 0
    for path in GET_PATHS:
        for name, where, repeated, max_length in text_parameters(path):
            for payload in _payloads(max_length):
                query = _base_query(path, values)
                path_values = {k: v for k, v in values.items() if "{" + k + "}" in path}
                if where == "path":
                    path_values[name] = payload
                else:
                    query[name] = [payload, payload] if repeated else payload
                    if name == "near":
                        query["radius_km"] = 50
                url = path
                for k, v in path_values.items():
                    url = url.replace("{" + k + "}", quote(v, safe=""))
                r = engine_client.get(url, params=query)
                sent += 1
                if r.status_code not in ALLOWED:
                    bad.append(f"{r.status_code} GET {url} {name}={payload!r}: {r.text[:200]}")
    assert sent > 2000
    assert not bad, f"{len(bad)} of {sent} requests failed:\n" + "\n".join(bad[:20])
    assert fingerprint(engine_probe) == before


@pytest.mark.parametrize("accept", ["application/json", "application/geo+json"])
def test_pathway_search_body_is_inert(
    accept: str,
    engine_client: TestClient,
    engine_probe: GraphStore,
    values: dict[str, str],
) -> None:
    """POST /pathways/search: each text field of the body, lone surrogates included."""
    body_schema = _resolve(
        SPEC["paths"]["/pathways/search"]["post"]["requestBody"]["content"]["application/json"][
            "schema"
        ]
    )
    fields = [
        name
        for name, s in body_schema["properties"].items()
        if any(t.get("type") == "string" for t in _types(s))
    ]
    assert {"from", "home", "near", "departements", "job", "to", "sector"} <= set(fields)
    before = fingerprint(engine_probe)
    bad = []
    for name in fields:
        for payload in PAYLOADS + SURROGATES:
            body: dict[str, Any] = {"from": values["code"], "to_level": 6, name: payload}
            if name == "near":
                body["radius_km"] = 50
            # json.dumps escapes lone surrogates as \ud800, as a hostile client would send them.
            r = engine_client.post(
                "/pathways/search",
                content=json.dumps(body).encode(),
                headers={"Content-Type": "application/json", "Accept": accept},
            )
            if r.status_code not in ALLOWED:
                bad.append(f"{r.status_code} {name}={payload!r}: {r.text[:200]}")
    assert not bad, "\n".join(bad[:20])
    assert fingerprint(engine_probe) == before


# -- (b) the named queries, directly ---------------------------------------------------------


def test_read_queries_take_hostile_parameters_as_plain_values(
    engine_store: GraphStore, engine_probe: GraphStore
) -> None:
    before = fingerprint(engine_probe)
    data_text = graph_text(engine_probe)
    compared = 0
    for name in READ_QUERIES:
        text = LIBRARY.get(name)
        try:
            control, control_error = engine_store.read(name, **hostile_params(text, CONTROL)), None
        except GraphError as exc:  # a guard query (restore_check) fails on purpose
            control, control_error = None, str(exc)
        for payload in PAYLOADS + SURROGATES:
            params = hostile_params(text, payload)
            if payload in REFUSED_BY_STORE and params:
                # Refused at the boundary (graph.params.check_param), before the engine.
                with pytest.raises(InvalidQuery):
                    engine_store.read(name, **params)
                continue
            if control_error is not None:  # the same failure as an innocent value, no other
                with pytest.raises(GraphError) as info:
                    engine_store.read(name, **params)
                assert str(info.value) == control_error, (name, payload)
                continue
            rows = engine_store.read(name, **params)  # no GraphError, whatever the text
            if params and payload not in data_text:
                assert rows == control, f"{name} with {payload!r} differs from an unknown value"
                compared += 1
    assert compared > 1000
    assert fingerprint(engine_probe) == before


def test_write_queries_cannot_run_as_reads(
    engine_store: GraphStore, engine_probe: GraphStore
) -> None:
    before = fingerprint(engine_probe)
    for name in WRITE_QUERIES:
        text = LIBRARY.get(name)
        for payload in ('"}) MATCH (n) DETACH DELETE n //', "x"):
            with pytest.raises(GraphError):
                engine_store.read(name, **hostile_params(text, payload))
    assert fingerprint(engine_probe) == before


# -- (c) byte-for-byte round trip -------------------------------------------------------------


def test_payloads_reach_the_engine_unchanged(engine_probe: GraphStore) -> None:
    before = fingerprint(engine_probe)
    for payload in [*PAYLOADS, long_payload(5000)]:
        if payload in REFUSED_BY_STORE:
            continue
        for value in (payload, [payload, "z"], {"k": payload, "n": [payload]}):
            assert engine_probe.read("probe_echo", p=value) == [{"p": value}], repr(value)
    assert fingerprint(engine_probe) == before


def test_nul_surrogates_and_bad_keys_are_refused_before_the_engine(
    engine_probe: GraphStore,
) -> None:
    """Found by this suite on FalkorDB: a NUL cut the query text (GraphError -> 500), a lone
    surrogate broke the socket encoding (UnicodeEncodeError -> 500), a backtick in a map key
    raised ValueError in the client, and 2**70 came back as 2**63 - 1. Now InvalidQuery (400)."""
    for value in [
        "\x00",
        "a\x00b",
        ["ok", "\x00"],
        {"k": "\x00"},
        "\ud800",
        ["a\udfffb"],
        {"a`b": 1},
        {"": 1},
        {"\x00": 1},
        2**70,
        -(2**63) - 1,
    ]:
        with pytest.raises(InvalidQuery):
            engine_probe.read("probe_echo", p=value)
    for value in [2**63 - 1, -(2**63), 0.1, True, None, "\x01\x7f"]:
        assert engine_probe.read("probe_echo", p=value) == [{"p": value}]
