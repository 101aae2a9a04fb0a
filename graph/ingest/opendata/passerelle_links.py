"""The links of the import's passerelles: FROM_DIPLOMA, TO_DIPLOMA and LEADS_TO.

cypher/import_passerelles.cypher writes the Passerelle nodes, then
cypher/import_link_passerelles.cypher their three relationships (Neo4j, and FalkorDB with
``bulk=False``). A store with ``bulk_relationships`` (FalkorDB) gets the same relationships as
three :class:`BulkRelationships` instead, every property computed here as the query sets it, in
its order: no ``MATCH`` of three nodes and ``SET`` per row on the server
(tests/integration/test_import_bulk.py compares both ways, property for property). A
relationship is created only when both its end nodes are on the graph, as the query's
``MATCH`` does: a row whose diplomas are missing has no passerelle node and no link.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.models import RelType
from graph.store import BulkRelationships, Statement

__all__ = ["LEADS_TO_PROPS", "LEG_FIELDS", "LINK_PROPS", "link_statements"]

# FROM_DIPLOMA and TO_DIPLOMA, in the order the query sets them
LINK_PROPS = ("origin", "source")
# graph.inference.records.leg_props's keys, in its order (``SET l += r.leg``)
LEG_FIELDS = (
    "passerelle_id",
    "passerelle_origin",
    "campus",
    "kind",
    "rate",
    "entrant_share",
    "reserved_share",
    "modality",
    "rule",
    "strength",
    "evidence",
    "source",
    "from_departements",
    "to_departements",
)
LEADS_TO_PROPS = (*LEG_FIELDS, "origin")
_ORIGIN = ("import",)


def link_statements(rows: Sequence[dict[str, Any]], *, bulk: bool, batch: int) -> list[Statement]:
    """The statements linking the passerelles of ``rows`` (import_passerelles' rows), in
    batches of ``batch``: Cypher, or in bulk (``bulk``)."""
    if not bulk:
        return [
            Statement("import_link_passerelles", {"rows": list(rows[i : i + batch])})
            for i in range(0, len(rows), batch)
        ]
    marks: dict[Any, tuple[Any, ...]] = {}  # per source: (origin, source), encoded once
    froms, tos, legs = [], [], []
    for r in rows:
        source = r["props"].get("source")
        mark = marks.get(source)
        if mark is None:
            mark = marks[source] = ("import", source)
        froms.append((r["id"], r["a"], (mark,)))
        tos.append((r["id"], r["b"], (mark,)))
        leg = r["leg"]
        legs.append((r["a"], r["b"], ([leg.get(k) for k in LEG_FIELDS], _ORIGIN)))
    out: list[Statement] = []
    for rel_type, edges, ends, props in (
        (RelType.FROM_DIPLOMA, froms, "import_passerelle_ends", LINK_PROPS),
        (RelType.TO_DIPLOMA, tos, "import_passerelle_ends", LINK_PROPS),
        (RelType.LEADS_TO, legs, "import_diploma_ends", LEADS_TO_PROPS),
    ):
        out.extend(
            BulkRelationships(
                "import_link_passerelles",
                {"rows": edges[i : i + batch]},
                rel_type=rel_type.value,
                ends=ends,
                props=props,
            )
            for i in range(0, len(edges), batch)
        )
    return out
