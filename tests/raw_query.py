"""Run a test's own Cypher on a store's database, beside the store (not through cypher/ files).

Tests compare whole graphs with queries of their own, so that a bug in the project's queries
cannot hide itself. Rows come back as lists of plain values on both engines.
"""

from __future__ import annotations

from typing import Any

from graph.store import GraphStore


def raw_rows(
    store: GraphStore, query: str, params: dict[str, Any] | None = None
) -> list[list[Any]]:
    """Rows of ``query`` (which may write: on FalkorDB nothing bumps the store's version)."""
    if store.engine == "neo4j":
        from graph.engines.neo4j_store import to_plain

        records, _, _ = store._driver.execute_query(  # type: ignore[attr-defined]
            query,
            params or {},
            database_=store.database,  # type: ignore[attr-defined]
        )
        return [[to_plain(v) for v in record.values()] for record in records]
    graph = store._wdb.select_graph(store.graph_name)  # type: ignore[attr-defined]
    return [list(row) for row in graph.query(query, params or {}).result_set]
