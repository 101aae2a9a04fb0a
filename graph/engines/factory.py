"""Open the store the settings name: FalkorDB (embedded by default) or Neo4j, by URI scheme."""

from __future__ import annotations

from graph.settings import Settings
from graph.store import GraphStore


def open_store(settings: Settings) -> GraphStore:
    if settings.engine == "neo4j":
        from graph.engines.neo4j_store import Neo4jStore

        return Neo4jStore(settings)
    from graph.engines.falkordb_store import FalkorDBStore

    return FalkorDBStore(settings)
