"""The shape of the house, read from the imports (ast, no import executed).

- no cycle between the packages (api, and graph's subpackages and modules);
- graph/ never imports api/ nor the web framework;
- only graph/engines/ imports a database driver (neo4j, falkordb, redis);
- only graph/cypher.py names the cypher/ folder;
- the pure cores (pathway search, scoring and explanation, the gap sections, the territory)
  import no engine, no store and no query loader, not even through another module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
DRIVERS = {"neo4j", "falkordb", "redis"}
WEB = {"fastapi", "starlette", "uvicorn"}
PURE_CORES = [
    "graph.territory",
    "graph.pathways.query",
    "graph.pathways.search",
    "graph.pathways.scoring",
    "graph.pathways.explanation",
    "graph.gaps.rows",
    "graph.gaps.findings",
    "graph.gaps.continuum",
    "graph.gaps.dead_ends",
    "graph.gaps.demand",
    "graph.gaps.isolated",
    "graph.gaps.partnerships",
    "graph.gaps.brokers",
]
# What a pure core may not reach: the store interface, the engines, the query loader.
NOT_PURE = ("graph.store", "graph.engines", "graph.cypher", "graph.queries", "graph.fake_store")


def _modules() -> dict[str, Path]:
    out = {}
    for top in ("api", "graph"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str) -> Iterator[str]:
    """Every module a module imports, at any depth of its code (lazy imports included)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{a.name}" for a in node.names)


def _internal(target: str) -> str | None:
    """The module of ours an import names (the longest known prefix), if any."""
    parts = target.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in MODULES:
            return candidate
        parts.pop()
    return None


def _unit(module: str) -> str:
    """Packages are units (api, graph.pathways, graph.engines…); graph's flat modules too."""
    parts = module.split(".")
    if parts[0] == "api":
        return "api"
    if len(parts) > 1 and (ROOT / "graph" / parts[1]).is_dir():
        return ".".join(parts[:2])
    return module


def _graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for name in MODULES:
        g.add_node(name)
        for target in _imports(name):
            mod = _internal(target)
            if mod is not None and mod != name:
                g.add_edge(name, mod)
    return g


IMPORTS = _graph()


def test_the_packages_have_no_cycle() -> None:
    units = nx.DiGraph()
    for a, b in IMPORTS.edges:
        if _unit(a) != _unit(b):
            units.add_edge(_unit(a), _unit(b))
    cycles = list(nx.simple_cycles(units))
    assert not cycles, f"import cycles between packages: {cycles}"
    for package in ("graph.pathways", "graph.gaps", "graph.engines", "graph.ingest"):
        assert package in units, f"{package} is not seen by this test"


def test_graph_never_imports_the_web_layer() -> None:
    bad = [
        (name, target)
        for name in MODULES
        if name.startswith("graph")
        for target in _imports(name)
        if target.split(".")[0] in {"api", *WEB}
    ]
    assert not bad, bad


def test_only_the_engines_import_a_driver() -> None:
    bad = [
        (name, target)
        for name in MODULES
        if not name.startswith("graph.engines")
        for target in _imports(name)
        if target.split(".")[0] in DRIVERS
    ]
    assert not bad, bad


def test_only_the_loader_names_the_cypher_folder() -> None:
    readers = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip("/")
                if text == "cypher" or text.startswith("cypher/") or text.endswith(".cypher"):
                    readers.append(name)
    assert set(readers) == {"graph.cypher"}, readers


@pytest.mark.parametrize("core", PURE_CORES)
def test_the_pure_cores_reach_no_store_and_no_engine(core: str) -> None:
    assert core in MODULES
    reached = nx.descendants(IMPORTS, core)
    bad = sorted(m for m in reached | {core} if m.startswith(NOT_PURE))
    assert not bad, f"{core} reaches {bad}"
    drivers = sorted(
        t for m in reached | {core} for t in _imports(m) if t.split(".")[0] in DRIVERS | WEB
    )
    assert not drivers, f"{core} reaches {drivers}"


def test_this_test_sees_a_violation() -> None:
    """The checks are not blind: the shell of the pathways does reach the store."""
    assert "graph.store" in nx.descendants(IMPORTS, "graph.pathways.find")
    assert "graph.engines.falkordb_store" in MODULES
    assert any(t.split(".")[0] in DRIVERS for t in _imports("graph.engines.falkordb_store"))


def test_the_cli_calls_graph_not_the_routes() -> None:
    """cmq takes the same way as the routes, through graph/, and never handles HTTP errors
    (it starts uvicorn for ``cmq serve``, nothing more of the web layer)."""
    targets = set(_imports("api.cli"))
    web = {"fastapi", "starlette"}
    assert not {t for t in targets if t.startswith("api.routes") or t.split(".")[0] in web}
    assert "graph.pathways" in targets and "graph.gaps" in targets
