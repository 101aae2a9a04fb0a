"""No Cypher text is built in Python outside the query library and the engines' fixed DDL.

Queries live in ``cypher/*.cypher`` and are loaded by name (graph/cypher.py, whose only
substitution is a validated integer hop bound); callers pass parameters, never text. This scans
the source of the served code (api/, graph/) for f-strings, ``str.format``, ``%`` formatting and
string concatenation whose literal parts contain Cypher keywords, so that a query assembled
from input cannot slip in. Labels and relationship types in the query files are checked against
the closed lists by tests/unit/test_cypher_library.py.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("api", "graph")
KEYWORDS = re.compile(
    r"\b(MATCH|MERGE|CREATE|DELETE|DETACH|RETURN|UNWIND|CALL|SET|REMOVE|CYPHER|WHERE|"
    r"OPTIONAL|FOREACH|LOAD CSV|INDEX|CONSTRAINT)\b"
)
# (file, enclosing function): the only places allowed to format query text, none from input.
ALLOWED = {
    ("graph/cypher.py", "get"),  # *1..6] lowered to a validated int (MAX_HOPS)
    ("graph/engines/falkordb_store.py", "_create_indexes"),  # labels / props from graph.schema
    # a scan of every label of graph.models' closed lists (FalkorDB's pending label changes)
    ("graph/engines/falkordb_store.py", "_label_scan"),
    ("graph/engines/neo4j_store.py", "schema_statements"),  # the same, Neo4j DDL
    # FalkorDB's parameter header (CYPHER `p`="…"), which its client would otherwise write:
    # the same text as falkordb-py's serialiser, compared value for value in test_params.py
    ("graph/engines/falkordb_params.py", "params_header"),
    ("graph/engines/falkordb_params.py", "_slow"),
}


def _literal(node: ast.AST) -> str:
    """The constant text a string-building expression contains."""
    parts = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            parts.append(sub.value)
    return " ".join(parts)


def _builders(tree: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    """(node, enclosing function name) of every expression that builds a string at run time."""
    stack: list[tuple[ast.AST, str]] = [(tree, "<module>")]
    while stack:
        node, func = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            func = node.name
        if isinstance(node, ast.JoinedStr):
            yield node, func
            continue  # its parts are in the same f-string
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"format", "format_map", "join", "replace"}
        ):
            yield node, func
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod | ast.Add)
            and any(
                isinstance(side, ast.Constant) and isinstance(side.value, str)
                for side in (node.left, node.right)
            )
        ):
            yield node, func
        stack.extend((child, func) for child in ast.iter_child_nodes(node))


def violations() -> list[str]:
    found = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
            for node, func in _builders(tree):
                text = _literal(node)
                if KEYWORDS.search(text) and (rel, func) not in ALLOWED:
                    found.append(f"{rel}:{getattr(node, 'lineno', '?')} in {func}(): {text[:80]!r}")
    return found


def test_no_query_text_is_built_from_strings() -> None:
    found = violations()
    assert not found, "Cypher text built in Python (use a cypher/*.cypher file):\n" + "\n".join(
        found
    )


def test_the_scan_sees_the_allowed_ddl() -> None:
    """The scanner is not blind: it does find the (allowed) DDL formatting."""
    seen = set()
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node, func in _builders(tree):
                if KEYWORDS.search(_literal(node)):
                    seen.add((rel, func))
    assert ("graph/engines/falkordb_store.py", "_create_indexes") in seen
    assert ("graph/engines/falkordb_store.py", "_label_scan") in seen
    assert ("graph/engines/neo4j_store.py", "schema_statements") in seen


def test_the_scan_catches_a_query_built_from_input() -> None:
    bad = ast.parse(
        "def f(name):\n"
        "    q = f\"MATCH (a:Actor {{name: '{name}'}}) RETURN a\"\n"
        "    r = 'MATCH (a) WHERE a.id = ' + name\n"
        "    s = 'MATCH (n:%s) RETURN n' % name\n"
        "    t = 'CREATE (n:{})'.format(name)\n"
    )
    hits = [n for n, _ in _builders(bad) if KEYWORDS.search(_literal(n))]
    assert len(hits) == 4


def test_queries_reach_the_engines_only_from_the_library() -> None:
    """The engine stores execute text obtained from ``self.library.get`` (or the DDL)."""
    for rel in ("graph/engines/falkordb_store.py", "graph/engines/neo4j_store.py"):
        text = (ROOT / rel).read_text(encoding="utf-8")
        assert "self.library.get(" in text, rel
    for path in sorted((ROOT / "api").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in (
            ".query(",
            ".ro_query(",
            "execute_command(",
            "CypherLibrary",
            "import neo4j",
            "from neo4j",
            "import falkordb",
            "from falkordb",
            "import redis",
        ):
            assert needle not in text, f"{path.relative_to(ROOT)} talks to an engine directly"
