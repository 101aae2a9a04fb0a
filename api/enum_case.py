"""Enum query parameters in any case: ``to_type=BTS``, ``modality=APPRENTICESHIP`` answered 422
while the message listed « bts ». One rule for every route: the values of each query parameter
the OpenAPI document declares with a closed list (``enum``, of an Enum or a Literal, alone, in a
list or nullable) are read in any case and given to the route as the document spells them,
before validation. A value of no list is passed on unchanged (and refused by the route as before).

Pure ASGI, before routing: a query string without a capital letter (nearly every request) is
not even parsed, nor is one whose only capitals are those of its percent escapes (« %2C », the
comma every browser and ``urlencode`` write in a list of départements or a home's
coordinates: :func:`may_change`). Those were parsed, and the first of them in a worker built
the OpenAPI document for the table (~0.7 s of CPU, docs/performance.md, http26).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes, urlencode

from fastapi import FastAPI
from starlette.routing import compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from api.paths import unversioned

Table = dict[str, dict[str, str]]  # parameter -> casefolded value -> the document's value


def enum_values(schema: dict[str, Any], components: dict[str, Any]) -> Iterator[str]:
    """The string values of the closed list a parameter's schema declares, if any.

    >>> comps = {"T": {"enum": ["bts", "cap"]}}
    >>> nullable = {"anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]}
    >>> sorted(enum_values(nullable, comps))
    ['bts', 'cap']
    >>> listed = {"type": "array", "items": {"enum": ["a"]}}
    >>> list(enum_values(listed, {})), list(enum_values({}, {}))
    (['a'], [])
    """
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    yield from (v for v in schema.get("enum", ()) if isinstance(v, str))
    if "const" in schema and isinstance(schema["const"], str):
        yield schema["const"]
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, ()):
            yield from enum_values(sub, components)
    if isinstance(schema.get("items"), dict):
        yield from enum_values(schema["items"], components)


def route_tables(app: FastAPI) -> list[tuple[re.Pattern[str], Table]]:
    """Each route's enum query parameters (its /v1 path's, for an unprefixed alias too)."""
    doc = app.openapi()
    components = doc.get("components", {}).get("schemas", {})
    by_path: dict[str, Table] = {}
    for path, ops in doc.get("paths", {}).items():
        for op in ops.values():
            for p in op.get("parameters", ()) if isinstance(op, dict) else ():
                if p.get("in") != "query":
                    continue
                values = list(enum_values(p.get("schema", {}), components))
                if values:
                    known = by_path.setdefault(path, {}).setdefault(p["name"], {})
                    known.update({v.casefold(): v for v in values})
    out: list[tuple[re.Pattern[str], Table]] = []
    for path, table in by_path.items():  # the /v1 path and its unprefixed alias
        for served in dict.fromkeys((path, unversioned(path))):
            out.append((compile_path(served)[0], table))
    return out


def normalised(query: str, table: Table) -> str | None:
    """The query string with ``table``'s values as the document spells them (each item of a
    comma list too), or None when nothing changes.

    >>> t = {"to_type": {"bts": "bts"}, "modality": {"apprenticeship": "apprenticeship"}}
    >>> normalised("to_type=BTS&home=Saint-Denis+%28974%29&modality=Apprenticeship", t)
    'to_type=bts&home=Saint-Denis+%28974%29&modality=apprenticeship'
    >>> normalised("to_type=bts&home=Paris", t) is None, normalised("to_type=BTX", t) is None
    (True, True)
    """
    pairs = parse_qsl(query, keep_blank_values=True)
    changed = False
    out = []
    for name, value in pairs:
        known = table.get(name)
        if known:
            new = ",".join(known.get(part.strip().casefold(), part) for part in value.split(","))
            changed |= new != value
            value = new
        out.append((name, value))
    return urlencode(out) if changed else None


def may_change(raw: bytes) -> bool:
    """Whether to look at this query string with :func:`normalised`: it has a capital (as
    before) and, once its escapes are read, a capital letter, a space or a character outside
    ASCII (« %42TS » is « BTS », « %C3%89 » may be « É »). One of ASCII lower-case letters,
    digits and punctuation only is passed on as it is: the document's enum values are all such
    (tests/unit/test_enum_case.py), so each of its values is one of them already or of no list.

    >>> may_change(b"to_type=bts&departements=030%2C034"), may_change(b"to_type=BTS")
    (False, True)
    >>> may_change(b"to_type=%42ts&d=1%2C2"), may_change(b"q=%C3%89")
    (True, True)
    >>> may_change(b"to_type=+bts&d=1%2C2")
    True
    >>> may_change(b"to_type=+bts")  # no capital at all: passed on, as before
    False
    """
    if raw == raw.lower():  # no capital at all, escapes included (as before)
        return False
    text = unquote_to_bytes(raw.replace(b"+", b" ")).decode("latin-1")
    return not text.isascii() or text != text.lower() or any(c.isspace() for c in text)


class EnumQueryCase:
    """Rewrites the query string of a request whose enum parameters are not in the document's
    case (:func:`normalised`); the table is read from the app's OpenAPI document once."""

    def __init__(self, app: ASGIApp, api: FastAPI) -> None:
        self.app = app
        self.api = api
        self.tables: list[tuple[re.Pattern[str], Table]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw: bytes = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if raw and may_change(raw):
            if self.tables is None:
                self.tables = route_tables(self.api)
            path = scope.get("path", "")
            table = next((t for rx, t in self.tables if rx.match(path)), None)
            if table and (new := normalised(raw.decode("latin-1"), table)) is not None:
                scope = {**scope, "query_string": new.encode("latin-1")}
        await self.app(scope, receive, send)
