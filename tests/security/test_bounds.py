"""Every input is bounded: read from the OpenAPI document, then probed one past each bound.

A string is bounded by ``maxLength``, an enum, or an anchored pattern without unbounded
quantifiers; a number by a maximum; a list (repeated query parameter or body list) by
``maxItems``; a body by ``additionalProperties: false`` on bounded fields and by the app's
``max_body_size`` (413 beyond it, checked before anything reads the body).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import MAX_BODY_BYTES, create_app
from api.paths import unversioned
from graph.settings import Settings

# The documented /v1 paths, probed through their unprefixed aliases (the same routes).
SPEC = create_app(Settings(data_dir=Path("unused"))).openapi()
SPEC = {**SPEC, "paths": {unversioned(p): item for p, item in SPEC["paths"].items()}}
SCHEMAS = SPEC.get("components", {}).get("schemas", {})


def _resolve(s: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in s:
        s = SCHEMAS[s["$ref"].split("/")[-1]]
    return s


def _split_top(pattern: str) -> list[str]:
    parts, depth, cur, i = [], 0, "", 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur += pattern[i : i + 2]
            i += 2
            continue
        depth += c in "([" and 1 or 0
        depth -= c in ")]" and 1 or 0
        if c == "|" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    return [*parts, cur]


def pattern_is_bounded(pattern: str) -> bool:
    """Anchored at both ends (every alternative) and no +, * or {n,}."""
    anchored = all(p.startswith("^") and p.endswith("$") for p in _split_top(pattern))
    if not anchored and not (pattern.startswith("^(") and pattern.endswith(")$")):
        return False
    flat = re.sub(r"\\.", "x", pattern)
    flat = re.sub(r"\[[^\]]*\]", "x", flat)
    return not re.search(r"[+*]|\{\d+,\}", flat)


def unbounded(schema: dict[str, Any], where: str) -> Iterator[str]:
    schema = _resolve(schema)
    for variant in schema.get("anyOf", [schema]):
        v = _resolve(variant)
        kind = v.get("type")
        if "enum" in v or "const" in v or kind in ("boolean", "null", None):
            continue
        if kind == "string":
            if "maxLength" not in v and not pattern_is_bounded(v.get("pattern", "")):
                yield f"{where}: string without maxLength or bounded pattern"
        elif kind in ("integer", "number"):
            if "maximum" not in v and "exclusiveMaximum" not in v:
                yield f"{where}: number without maximum"
        elif kind == "array":
            if "maxItems" not in v:
                yield f"{where}: list without maxItems"
            yield from unbounded(v.get("items", {}), where + "[]")
        elif kind == "object":
            if v.get("additionalProperties", True) is not False:
                yield f"{where}: object open to extra fields"
            for name, prop in v.get("properties", {}).items():
                yield from unbounded(prop, f"{where}.{name}")


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        for method, op in item.items():
            yield method.upper(), path, op


def test_every_parameter_and_body_field_is_bounded() -> None:
    problems: list[str] = []
    for method, path, op in _operations():
        for p in op.get("parameters", []):
            problems += unbounded(p["schema"], f"{method} {path} {p['in']}:{p['name']}")
        for media, content in op.get("requestBody", {}).get("content", {}).items():
            problems += unbounded(content.get("schema", {}), f"{method} {path} body ({media})")
    assert not problems, "\n".join(problems)


def test_the_bound_checker_is_not_blind() -> None:
    assert pattern_is_bounded(r"^[a-z0-9][a-z0-9-]{1,79}$")
    assert pattern_is_bounded(r"^[A-N]\d{4}$|^[a-z0-9-]{2,80}$")
    assert pattern_is_bounded(r"^(\d{2,3}|2[AB]|02[AB])$")
    assert not pattern_is_bounded(r"^[A-Za-z0-9-]+$")
    assert not pattern_is_bounded(r"[a-z]{1,5}")
    assert not pattern_is_bounded(r"^a{2,}$")
    assert list(unbounded({"type": "string"}, "x")) and list(unbounded({"type": "integer"}, "x"))
    assert list(unbounded({"type": "array", "items": {"type": "string", "maxLength": 3}}, "x"))


@pytest.fixture(scope="module")
def client(seed_store: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("bounds")), store=seed_store)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


# What a request needs besides the parameter under test to pass validation.
BASE: dict[str, dict[str, Any]] = {
    "/pathways": {"from_level": 4, "to_level": 5},
    "/pathways.geojson": {"from_level": 4, "to_level": 5},
    "/gaps.csv": {"section": "dead_ends"},
    "/communes": {"q": "saint"},
    "/diplomas/search": {"q": "bts"},
    "/feeders": {"to": "32022316"},
    "/jobs": {"q": "soudeur"},
}


def test_list_pages_are_capped(client: TestClient) -> None:
    """limit and offset one past their documented maximum: 422 on every endpoint with them."""
    checked = 0
    for method, path, op in _operations():
        if method != "GET" or "{" in path:
            continue
        for p in op.get("parameters", []):
            if p["name"] in ("limit", "offset"):
                top = _resolve(p["schema"])["maximum"]
                base = BASE.get(path, {})
                ok = client.get(path, params={**base, p["name"]: top})
                assert ok.status_code != 422, (path, p["name"], top, ok.text)
                too_far = client.get(path, params={**base, p["name"]: top + 1})
                assert too_far.status_code == 422
                checked += 1
    assert checked >= 12


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/pathways", {"from_level": 3, "to_level": 5, "max_steps": 7}),
        ("/pathways", {"from_level": 3, "to_level": 5, "max_steps": 0}),
        ("/pathways", {"from_level": 3, "to_level": 5, "limit": 51}),
        ("/pathways", {"from_level": 3, "to_level": 5, "near": "46102", "radius_km": 500.01}),
        ("/pathways", {"from_level": 3, "to_level": 5, "near": "46102", "radius_km": 0}),
        ("/pathways", {"from_level": 3, "to_level": 5, "departements": ",".join(["46"] * 21)}),
        ("/pathways", {"from_level": 3, "to_level": 5, "home": "4" * 81}),
        ("/gaps", {"near": "46102", "radius_km": 501}),
        ("/gaps", {"limit": 501}),
        ("/actors", {"q": "x" * 101}),
        ("/actors", {"q": ""}),
        ("/map.geojson", {"kind": ["cfa"] * 31}),
        ("/diplomas/" + "A" * 41, {}),
    ],
)
def test_one_past_each_bound_is_refused(
    client: TestClient, url: str, params: dict[str, Any]
) -> None:
    assert client.get(url, params=params).status_code == 422


def test_at_the_bounds_is_accepted(client: TestClient) -> None:
    campus = client.get("/campuses").json()[0]["id"]
    r = client.get(
        "/pathways",
        params={
            "from_level": 3,
            "to_level": 5,
            "max_steps": 6,
            "limit": 50,
            "near": "46102",
            "radius_km": 500,
        },
    )
    assert r.status_code in (200, 422), r.text  # 422 only for an unknown commune
    assert client.get("/actors", params={"q": "x" * 100}).status_code == 200
    assert client.get("/map.geojson", params={"kind": ["cfa"] * 30}).status_code == 200
    net = client.get(f"/campuses/{campus}/network", params={"kind": ["cfa"] * 30})
    assert net.status_code == 200


def test_request_bodies_are_capped_before_being_read(client: TestClient) -> None:
    """Found by this suite: a 200 MB body was parsed (1 GB of memory) and echoed back in the
    422. Now the app's max_body_size answers 413, with or without a Content-Length."""
    head = b'{"from": "CAP", "to_level": 5, "pad": "'
    big = head + b"x" * (MAX_BODY_BYTES + 1) + b'"}'
    r = client.post("/pathways/search", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
        yield head
        for _ in range(MAX_BODY_BYTES // 8192 + 2):
            yield b"x" * 8192
        yield b'"}'

    r = client.post(
        "/pathways/search", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413
    # Just under the cap: read and refused for what it says (an unknown field), not its size.
    ok = head + b"x" * (MAX_BODY_BYTES - len(head) - 10) + b'"}'
    r = client.post("/pathways/search", content=ok, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
