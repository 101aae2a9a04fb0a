"""The enum query parameters' case rule (api/enum_case.py) parses only the query strings it may
rewrite: one whose only capitals are its escapes' (« %2C ») is passed on as it is, and no
longer builds the OpenAPI document in the worker's first search (~0.7 s of CPU)."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any
from urllib.parse import quote

from api.enum_case import EnumQueryCase, may_change, normalised, route_tables
from api.main import create_app
from tests.conftest import make_settings


def _tables(tmp_path: Path) -> list[Any]:
    return route_tables(create_app(make_settings(tmp_path / "db")))


def test_the_documents_enum_values_are_ascii_lower_case(tmp_path: Path) -> None:
    """may_change's premise: a value of ASCII lower-case letters, digits and punctuation is
    either one of the document's values already or of none of its lists."""
    values = {v for _, table in _tables(tmp_path) for m in table.values() for v in m.values()}
    assert values
    for v in values:
        assert v.isascii() and v == v.lower() and not any(c.isspace() for c in v), v


def test_a_query_it_passes_on_would_not_have_been_rewritten(tmp_path: Path) -> None:
    """Random queries of the document's values in every case, spaced, escaped or not: whenever
    may_change says no to a query the rule looked at before (one with a capital, if only an
    escape's), normalised leaves it as it is."""
    rng = random.Random(26)
    tables = [t for _, t in _tables(tmp_path) if t]
    passed = rewritten = 0
    for _ in range(4000):
        table = rng.choice(tables)
        parts = []
        for name in rng.sample(sorted(table), k=min(len(table), rng.randint(1, 3))):
            words = rng.sample(sorted(table[name].values()), k=rng.randint(1, 2))
            words = [
                rng.choice((w, w.upper(), w.title(), f" {w}", w.replace("_", "-"))) for w in words
            ]
            value = ",".join(words)
            safe = rng.choice(("", ",", " "))
            parts.append(f"{name}={quote(value, safe=safe).replace('%20', '+')}")
        parts.append(rng.choice(("departements=030%2C034", "home=43.9%2C4.2", "q=%c3%a9", "x=1")))
        raw = "&".join(rng.sample(parts, k=len(parts)))
        if raw == raw.lower():
            continue  # passed on before as now
        if not may_change(raw.encode()):
            passed += 1
            assert normalised(raw, table) is None, raw
        elif normalised(raw, table) is not None:
            rewritten += 1
    assert passed > 500 and rewritten > 500  # both sides drawn


class _Document:
    """An app whose OpenAPI document counts its reads."""

    def __init__(self) -> None:
        self.reads = 0

    def openapi(self) -> dict[str, Any]:
        self.reads += 1
        return {"paths": {}}


def test_escapes_alone_do_not_build_the_document() -> None:
    seen: list[bytes] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["query_string"])

    async def receive() -> Any:
        return {}

    async def send(message: Any) -> None:
        pass

    api = _Document()
    middleware = EnumQueryCase(app, api=api)  # type: ignore[arg-type]
    raw = b"from=40020006&to_level=7&departements=030%2C034%2C084&home=43.87553%2C4.16838"
    asyncio.run(
        middleware({"type": "http", "path": "/pathways", "query_string": raw}, receive, send)
    )
    assert seen == [raw]
    assert api.reads == 0 and middleware.tables is None
    asyncio.run(
        middleware(
            {"type": "http", "path": "/pathways", "query_string": b"to_type=BTS"}, receive, send
        )
    )
    assert api.reads == 1
