"""The import's relationships other than the offers: the passerelles' links (FROM_DIPLOMA,
TO_DIPLOMA, LEADS_TO), the establishments' LOCATED_IN and the diplomas' RENAMED_TO.

cypher/import_passerelles.cypher writes the Passerelle nodes, then
cypher/import_link_passerelles.cypher their three relationships; import_link_actor_site and
import_link_renamed_to the two others (Neo4j, and FalkorDB with ``bulk=False``). A store with
``bulk_relationships`` (FalkorDB) gets the same relationships as :class:`BulkRelationships`
instead, every property computed here as the query sets it, in its order: no ``MATCH`` of the
nodes and ``SET`` per row on the server (tests/integration/test_import_bulk.py and
test_import_fast_paths.py compare both ways, property for property). A relationship is
created only between nodes on the graph, as the query's ``MATCH`` does (the ends queries
return the nodes the query matches: LOCATED_IN starts at an actor no seed describes); a
passerelle row whose diplomas are missing has no node (BulkNodes.requires) and no link.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.models import RelType
from graph.store import BulkRelationships, Statement

__all__ = [
    "LEADS_TO_PROPS",
    "LEG_FIELDS",
    "LINK_PROPS",
    "LOCATED_PROPS",
    "RENAMED_PROPS",
    "link_statements",
    "located_statements",
    "renamed_statements",
]

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
    "evidence_words",
    "source",
    "from_departements",
    "to_departements",
)
LEADS_TO_PROPS = (*LEG_FIELDS, "origin")
LOCATED_PROPS = ("origin", "source")  # cypher/import_link_actor_site.cypher
RENAMED_PROPS = ("origin", "kind", "source")  # cypher/import_link_renamed_to.cypher
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


def located_statements(
    rows: Sequence[dict[str, Any]], sources: Sequence[str | None], *, bulk: bool, batch: int
) -> list[Statement]:
    """LOCATED_IN from each establishment of ``rows`` ({uai, insee}) to its commune;
    ``sources``: in step with the rows, the ``imported_source`` the import gives the
    establishment (cypher/import_actors.cypher), which the query copies onto the link."""
    if not bulk:
        return [
            Statement("import_link_actor_site", {"rows": list(rows[i : i + batch])})
            for i in range(0, len(rows), batch)
        ]
    marks: dict[Any, tuple[Any, ...]] = {}
    edges = []
    for r, source in zip(rows, sources, strict=True):
        mark = marks.get(source)
        if mark is None:
            mark = marks[source] = ("import", source)
        edges.append((r["uai"], r["insee"], (mark,)))
    return _bulks("import_link_actor_site", edges, RelType.LOCATED_IN, LOCATED_PROPS, batch)


def renamed_statements(
    rows: Sequence[dict[str, Any]], source: str, *, bulk: bool, batch: int
) -> list[Statement]:
    """RENAMED_TO between the diplomas of ``rows`` ({a, b}: old, new code)."""
    if not bulk:
        return [
            Statement(
                "import_link_renamed_to", {"source": source, "rows": list(rows[i : i + batch])}
            )
            for i in range(0, len(rows), batch)
        ]
    mark = ("import", "renovation", source)
    edges = [(r["a"], r["b"], (mark,)) for r in rows]
    return _bulks("import_link_renamed_to", edges, RelType.RENAMED_TO, RENAMED_PROPS, batch)


_ENDS = {
    RelType.LOCATED_IN: "import_located_ends",
    RelType.RENAMED_TO: "import_diploma_ends",
}


def _bulks(
    name: str, edges: list[Any], rel_type: RelType, props: tuple[str, ...], batch: int
) -> list[Statement]:
    return [
        BulkRelationships(
            name,
            {"rows": edges[i : i + batch]},
            rel_type=rel_type.value,
            ends=_ENDS[rel_type],
            props=props,
        )
        for i in range(0, len(edges), batch)
    ]
