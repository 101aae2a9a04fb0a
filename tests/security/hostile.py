"""Hostile strings, and a probe that fingerprints a graph on either engine.

The probe is a second store on the same database with a query library of its own (a temporary
folder), so the project's ``cypher/`` folder holds no test-only query.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.cypher import CypherLibrary
from graph.store import GraphStore

# Classic injections, escapes, comments, prefixes, templating, control and exotic characters.
PAYLOADS: list[str] = [
    "'",
    '"',
    "\\",
    "\\\\'",
    "\\'",
    '\\"',
    "a\\",
    "' OR 1=1 //",
    '" OR ""="',
    "') RETURN 1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "'}) MATCH (n) DETACH DELETE n //",
    '\\"}) MATCH (n) DETACH DELETE n //',
    '" MATCH (n) DETACH DELETE n RETURN "',
    "*/ MATCH (n) DELETE n /*",
    "/* unterminated comment",
    "// line comment",
    "CYPHER runtime=slotted MATCH (n) RETURN n",
    "CYPHER q=1 MATCH (n) DETACH DELETE n",
    "; MATCH (n) DETACH DELETE n",
    "`) MATCH (n) DELETE n //",
    "`",
    "a\nMATCH (n) DETACH DELETE n",
    "line\r\nbreak",
    "tab\there",
    "\x00",
    "nul\x00inside",
    "\x1b[31mred",
    "$param",
    "$q",
    "{{x}}",
    "${x}",
    "%s%n",
    "{0}",
    "\\u0027 OR 1=1",
    "\\x27",
    "\\n",
    "é",
    "Lycée Champollion",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\u200fRTL mark",
    "\u202eoverride",
    "😀👩‍🔧",
    "e\u0301\u0302",  # combining characters
    "\ufeffBOM",
    "\u2028line separator",
    "ＭＡＴＣＨ (n) ＤＥＬＥＴＥ n",  # fullwidth
    "x" * 100,
]
# Lone surrogates cannot travel in a URL; they are sent in JSON bodies and to the store.
SURROGATES: list[str] = ["\ud800", "a\udfffb"]
REFUSED_BY_STORE = {p for p in PAYLOADS + SURROGATES if "\x00" in p} | set(SURROGATES)


def long_payload(n: int) -> str:
    """A string of exactly ``n`` characters made of quotes and backslashes."""
    return ("'\"\\" * (n // 3 + 1))[:n]


# -- the probe ---------------------------------------------------------------------------

PROBE_QUERIES = {
    "probe_echo": "RETURN $p AS p",
    "probe_nodes": "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props",
    "probe_rels": (
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, coalesce(a.id, a.code, a.insee) AS a, "
        "coalesce(b.id, b.code, b.insee) AS b, properties(r) AS props"
    ),
}


def probe_library(root: Path, engine: str) -> CypherLibrary:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in PROBE_QUERIES.items():
        (root / f"{name}.cypher").write_text(text + "\n", encoding="utf-8")
    return CypherLibrary(engine, root=root)


@contextmanager
def probe(store: GraphStore, root: Path) -> Iterator[GraphStore]:
    """A store of the same engine, on the same database, with the probe queries."""
    library = probe_library(root, store.engine)
    if store.engine == "neo4j":
        from graph.engines.neo4j_store import Neo4jStore

        other: Any = Neo4jStore(store.settings, library=library)  # type: ignore[attr-defined]
    else:
        from graph.engines.falkordb_store import FalkorDBStore

        s = store.settings  # type: ignore[attr-defined]
        server = store.server  # type: ignore[attr-defined]
        uri = f"unix://{server.socket}" if server is not None else s.graph_uri
        other = FalkorDBStore(s.model_copy(update={"graph_uri": uri}), library=library)
    try:
        yield other
    finally:
        other.close()


def fingerprint(p: GraphStore) -> tuple[int, int, str]:
    """Node count, relationship count, and a digest of every label, type and property."""
    nodes = sorted(json.dumps(r, sort_keys=True, default=str) for r in p.read("probe_nodes"))
    rels = sorted(json.dumps(r, sort_keys=True, default=str) for r in p.read("probe_rels"))
    digest = hashlib.sha256("\n".join(nodes + ["--"] + rels).encode()).hexdigest()
    return len(nodes), len(rels), digest


def graph_text(p: GraphStore) -> str:
    """Every string property of the graph, joined (to know whether a payload may match data)."""
    out: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for r in p.read("probe_nodes"):
        walk(r["props"])
    for r in p.read("probe_rels"):
        walk(r["props"])
    return "\n".join(out)


# -- query files: read or write, and the shape of each parameter ---------------------------

_WRITE = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DETACH)\b")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_LIST = re.compile(r"\bIN\s+\$([A-Za-z_][A-Za-z0-9_]*)")
_INT = re.compile(
    r"\$([A-Za-z_]\w*)\s*\.\.|\.\.\s*\(?\s*\$([A-Za-z_]\w*)|\b(?:LIMIT|SKIP)\s+\$([A-Za-z_]\w*)"
    r"|\+\s*\$([A-Za-z_]\w*)"
)


def code_of(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def is_write(text: str) -> bool:
    return bool(_WRITE.search(code_of(text)))


def params_of(text: str) -> dict[str, str]:
    """name -> 'int' | 'list' | 'str', from how the query uses each parameter."""
    code = code_of(text)
    shapes = {name: "str" for name in _PARAM.findall(code)}
    for name in _LIST.findall(code):
        shapes[name] = "list"
    for groups in _INT.findall(code):
        for name in filter(None, groups):
            shapes[name] = "int"
    return shapes


def hostile_params(text: str, payload: str) -> dict[str, Any]:
    """Every text parameter (and every list item) is the payload; integers stay valid."""
    out: dict[str, Any] = {}
    for name, shape in params_of(text).items():
        out[name] = {"int": 5, "list": [payload, "zz"], "str": payload}[shape]
    return out
