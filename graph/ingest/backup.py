"""Back up the whole graph to a JSON-lines file and restore it (``cmq export``, ``cmq restore``).

The format is documented in docs/backup.md. In short, UTF-8 text, one JSON object per line:

* line 1, the header: ``{"format": "cmq-graph-export", "version": 1, "exported_at": ISO 8601,
  "engine": "falkordb"|"neo4j", "counts": {"nodes": {label: n}, "relationships": {type: n}}}``;
* one line per node: ``{"kind": "node", "label": L, "key": {prop: value}, "props": {...}}``,
  where ``key`` is the node's business key (graph.schema) and ``props`` every other property;
* one line per relationship: ``{"kind": "rel", "type": T, "from": {"label": L, "key": {...}},
  "to": {"label": L, "key": {...}}, "props": {...}}``.

Labels and types come from the closed lists of graph.models; nothing read from a file ever
becomes query text. Lines are in a fixed order (nodes by label then key, relationships by type,
ends, then properties; property names sorted), so exporting the same graph twice gives the same
bytes but for ``exported_at``.

A restore reads and checks the whole file before touching the database (a bad line raises
:class:`BackupError` naming the line and the field), then replaces the graph content in one
``GraphStore.write_atomic``: the graph is emptied, nodes are created label by label and
relationships pattern by pattern (one named query each, since labels cannot be parameters; a
relationship query fails if one of its rows does not find both ends). All of it lands, or none
of it.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TextIO

from graph.errors import DatabaseUnavailable, GraphError, InvalidQuery
from graph.models import Label, RelType
from graph.params import check_param
from graph.record_rules import node_problems, relationship_problems
from graph.schema import SCHEMA
from graph.store import GraphReader, GraphStore, Statement

__all__ = [
    "FORMAT",
    "VERSION",
    "Backup",
    "BackupError",
    "BackupSummary",
    "export_graph",
    "read_backup",
    "restore_backup",
    "restore_graph",
]

FORMAT = "cmq-graph-export"
VERSION = 1
BATCH = 2_000

LABELS: tuple[str, ...] = tuple(sorted(m.value for m in Label))
TYPES: tuple[str, ...] = tuple(sorted(m.value for m in RelType))
KEYS: dict[str, str] = {k.label: k.prop for k in SCHEMA if k.unique and k.label in LABELS}
"""Business key of each label. A label without one (none today) is exported with ``"key": {}``
and restored as is, but cannot be the end of a relationship."""

# (type, from label, to label): the relationship patterns the model writes (graph/models.py).
# Each has its restore query cypher/restore_rel_<type>_<from>_<to>.cypher; an export refuses a
# relationship of another pattern rather than write a backup that could not be restored.
_PATTERNS = (
    ("MEMBER_OF", "Actor", "Campus"),
    ("LOCATED_IN", "Actor", "Site"),
    ("LOCATED_IN", "Platform", "Site"),
    ("OFFERS", "Actor", "Diploma"),
    ("LEADS_TO", "Diploma", "Diploma"),
    ("FROM_DIPLOMA", "Passerelle", "Diploma"),
    ("TO_DIPLOMA", "Passerelle", "Diploma"),
    ("BINDS", "Passerelle", "Actor"),
    ("HOSTS", "Actor", "Platform"),
    ("PARTNERS_WITH", "Actor", "Actor"),
    ("PART_OF", "Actor", "Actor"),
    ("TRAINS_FOR", "Diploma", "Sector"),
    ("WORKS_ON", "Actor", "Sector"),
    ("WORKS_ON", "Platform", "Sector"),
    ("COVERS", "Campus", "Sector"),
    ("HAS_DEMAND", "Campus", "Sector"),
    ("TRANSPORT_LINK", "Site", "Site"),
    ("RENAMED_TO", "Diploma", "Diploma"),
)
PATTERNS: dict[tuple[str, str, str], str] = {
    p: "restore_rel_" + "_".join(x.lower() for x in p)
    for p in _PATTERNS
    if p[0] in TYPES and p[1] in KEYS and p[2] in KEYS
}


def node_query(label: str) -> str:
    """Name of the query that restores the nodes of ``label``."""
    return f"restore_nodes_{label.lower()}"


class BackupError(GraphError):
    """A backup file that cannot be restored, or a graph that cannot be exported."""

    def __init__(self, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.line = line
        self.field = field
        self.message = message
        where = ""
        if line is not None:
            where = f"line {line}" + (f", field '{field}'" if field else "") + ": "
        super().__init__(where + message)


@dataclass
class BackupSummary:
    nodes: dict[str, int]
    relationships: dict[str, int]
    exported_at: str = ""
    engine: str = ""

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        return sum(self.relationships.values())


@dataclass
class Backup:
    """A checked backup file, ready to restore."""

    summary: BackupSummary
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> [{props}]
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)


# -- encoding --------------------------------------------------------------------------------


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _sorted(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: props[k] for k in sorted(props)}


def _is_scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int | bool)


def _is_value(value: Any) -> bool:
    """A property value both engines store: a scalar, or a list of scalars."""
    if isinstance(value, list):
        return all(_is_scalar(v) for v in value)
    return _is_scalar(value)


def _is_key_value(value: Any) -> bool:
    return (isinstance(value, str) and value != "") or (
        isinstance(value, int) and not isinstance(value, bool)
    )


# -- export ----------------------------------------------------------------------------------


def _view(store: GraphStore) -> AbstractContextManager[GraphReader]:
    """What the export reads: on FalkorDB a snapshot (a copy of the graph taken at once, so the
    export is consistent while writes go on); on Neo4j the live graph."""
    return store.snapshot()


def _node_lines(store: GraphReader, label: str) -> list[str]:
    key_prop = KEYS.get(label)
    lines: list[str] = []
    seen: set[str] = set()
    for row in store.read("export_nodes", label=label):
        if row["labels"] != [label]:
            raise BackupError(
                f"a node has the labels {row['labels']}: a backup holds nodes with exactly one "
                "label, from graph.models.Label"
            )
        props = dict(row["props"])
        key: dict[str, Any] = {}
        if key_prop is not None:
            value = props.pop(key_prop, None)
            if not _is_key_value(value):
                raise BackupError(f"a {label} node has no usable {key_prop} (its key): {value!r}")
            key = {key_prop: value}
            text = _dumps(key)
            if text in seen:
                raise BackupError(f"two {label} nodes have the key {text}")
            seen.add(text)
        for name, value in props.items():
            if not _is_value(value):
                raise BackupError(
                    f"{label} {key}: property {name!r} has a value a backup cannot hold: {value!r}"
                )
        lines.append(_dumps({"kind": "node", "label": label, "key": key, "props": _sorted(props)}))
    lines.sort()
    return lines


def _rel_lines(store: GraphReader, rtype: str) -> list[str]:
    lines: list[str] = []
    for row in store.read("export_relationships", type=rtype, keys=KEYS):
        ends = []
        for side in ("from", "to"):
            labels = row[f"{side}_labels"]
            key = row[f"{side}_key"]
            if len(labels) != 1 or labels[0] not in KEYS or not _is_key_value(key):
                raise BackupError(
                    f"a {rtype} relationship has an end with labels {labels} and key {key!r}: "
                    "both ends must be nodes with a business key"
                )
            ends.append({"label": labels[0], "key": {KEYS[labels[0]]: key}})
        pattern = (rtype, ends[0]["label"], ends[1]["label"])
        if pattern not in PATTERNS:
            raise BackupError(
                f"no restore query for (:{pattern[1]})-[:{rtype}]->(:{pattern[2]}): add it to "
                "graph/ingest/backup.py and cypher/ before exporting this graph"
            )
        props = dict(row["props"])
        for name, value in props.items():
            if not _is_value(value):
                raise BackupError(
                    f"a {rtype} relationship: property {name!r} has a value a "
                    f"backup cannot hold: {value!r}"
                )
        lines.append(
            _dumps(
                {
                    "kind": "rel",
                    "type": rtype,
                    "from": ends[0],
                    "to": ends[1],
                    "props": _sorted(props),
                }
            )
        )
    lines.sort()
    return lines


def export_graph(store: GraphStore, fh: TextIO) -> BackupSummary:
    """Write every node and relationship of the graph to ``fh`` (the format above).

    Raises BackupError if the graph holds something a restore could not recreate (a label or
    type outside graph.models, a node without its key…): a backup is complete or is not made.
    """
    nodes: dict[str, int] = {}
    rels: dict[str, int] = {}
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as body:
        with _view(store) as view:
            for label in LABELS:
                lines = _node_lines(view, label)
                if lines:
                    nodes[label] = len(lines)
                    body.writelines(line + "\n" for line in lines)
            for rtype in TYPES:
                lines = _rel_lines(view, rtype)
                if lines:
                    rels[rtype] = len(lines)
                    body.writelines(line + "\n" for line in lines)
            in_graph = {r["label"]: r["count"] for r in view.read("health_counts")}
            rel_types = {r["type"]: r["count"] for r in view.read("relationship_counts")}
        if sum(in_graph.values()) != sum(nodes.values()):
            others = sorted(str(k) for k in in_graph if k not in LABELS)
            raise BackupError(
                f"the graph holds {sum(in_graph.values())} nodes but only "
                f"{sum(nodes.values())} have one label of graph.models.Label (others: {others})"
            )
        unknown = sorted(str(t) for t in rel_types if t not in TYPES)
        if unknown:
            raise BackupError(f"relationship types outside graph.models.RelType: {unknown}")
        summary = BackupSummary(
            nodes=nodes,
            relationships=rels,
            exported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            engine=store.engine,
        )
        header = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": summary.exported_at,
            "engine": summary.engine,
            "counts": {"nodes": nodes, "relationships": rels},
        }
        fh.write(_dumps(header) + "\n")
        body.seek(0)
        shutil.copyfileobj(body, fh)
    return summary


# -- reading and checking a backup -----------------------------------------------------------

_HEADER_FIELDS = ("format", "version", "exported_at", "engine", "counts")
_NODE_FIELDS = ("kind", "label", "key", "props")
_REL_FIELDS = ("kind", "type", "from", "to", "props")


def _fields(obj: dict[str, Any], expected: tuple[str, ...], line: int, prefix: str = "") -> None:
    for name in obj:
        if name not in expected:
            raise BackupError("unknown field", line=line, field=prefix + name)
    for name in expected:
        if name not in obj:
            raise BackupError("missing", line=line, field=prefix + name)


def _parse(text: str, line: int) -> dict[str, Any]:
    if not text.strip():
        raise BackupError("empty line", line=line)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BackupError(
            f"not valid JSON ({exc.msg}, column {exc.colno}): truncated or edited file?",
            line=line,
        ) from None
    if not isinstance(obj, dict):
        raise BackupError("a line must be a JSON object", line=line)
    return obj


def _counts(value: Any, line: int, name: str, allowed: tuple[str, ...]) -> dict[str, int]:
    if not isinstance(value, dict):
        raise BackupError("must be an object", line=line, field=f"counts.{name}")
    for k, v in value.items():
        if k not in allowed:
            raise BackupError(f"unknown {k!r}", line=line, field=f"counts.{name}")
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise BackupError("must be a count", line=line, field=f"counts.{name}.{k}")
    return value


def _header(obj: dict[str, Any]) -> dict[str, Any]:
    if obj.get("format") != FORMAT:
        raise BackupError(f"not a {FORMAT} file", line=1, field="format")
    if obj.get("version") != VERSION:
        raise BackupError(
            f"version {obj.get('version')!r}: this cmq reads version {VERSION}",
            line=1,
            field="version",
        )
    _fields(obj, _HEADER_FIELDS, 1)
    for name in ("exported_at", "engine"):
        if not isinstance(obj[name], str):
            raise BackupError("must be a string", line=1, field=name)
    counts = obj["counts"]
    if not isinstance(counts, dict):
        raise BackupError("must be an object", line=1, field="counts")
    _fields(counts, ("nodes", "relationships"), 1, "counts.")
    _counts(counts["nodes"], 1, "nodes", LABELS)
    _counts(counts["relationships"], 1, "relationships", TYPES)
    return obj


def _key(value: Any, label: str, line: int, where: str) -> tuple[str, Any] | None:
    """Check a ``key`` object; returns (property, value), or None for a label without key."""
    prop = KEYS.get(label)
    if not isinstance(value, dict):
        raise BackupError("must be an object", line=line, field=where)
    if prop is None:
        if value:
            raise BackupError(f"{label} has no business key: must be {{}}", line=line, field=where)
        return None
    if list(value) != [prop]:
        raise BackupError(f"a {label} key is {{{prop!r}: …}}", line=line, field=where)
    if not _is_key_value(value[prop]):
        raise BackupError(
            "must be a non-empty string or an integer", line=line, field=f"{where}.{prop}"
        )
    return prop, value[prop]


def _props(value: Any, line: int, key_prop: str | None = None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BackupError("must be an object", line=line, field="props")
    for name, v in value.items():
        if name == key_prop:
            raise BackupError(
                "the business key goes in 'key', not in 'props'", line=line, field=f"props.{name}"
            )
        if not _is_value(v):
            raise BackupError(
                "must be a string, number, boolean or a list of those",
                line=line,
                field=f"props.{name}",
            )
        try:
            check_param({name: v})
        except InvalidQuery as exc:
            raise BackupError(str(exc), line=line, field=f"props.{name}") from None
    return value


def _label(value: Any, line: int, where: str) -> str:
    if value not in LABELS:
        raise BackupError(
            f"unknown label {value!r} (graph.models.Label: {', '.join(LABELS)})",
            line=line,
            field=where,
        )
    return str(value)


def _served(problems: list[tuple[str, str]], line: int) -> None:
    """Refuse a record the API could not serve (graph.record_rules)."""
    if problems:
        name, why = problems[0]
        raise BackupError(why, line=line, field=f"props.{name}")


def read_backup(fh: Iterable[str]) -> Backup:
    """Read and check a whole backup file; nothing is written. Raises BackupError."""
    lines = iter(fh)
    first = next(lines, None)
    if first is None:
        raise BackupError(f"empty file: not a {FORMAT} file")
    header = _header(_parse(first, 1))
    backup = Backup(
        summary=BackupSummary(
            nodes={}, relationships={}, exported_at=header["exported_at"], engine=header["engine"]
        )
    )
    seen: dict[tuple[str, str], int] = {}  # (label, key JSON) -> line
    ends: list[tuple[int, str, str, str]] = []  # line, field, label, key JSON
    n = 1
    for n, text in enumerate(lines, start=2):
        obj = _parse(text, n)
        kind = obj.get("kind")
        if kind == "node":
            _fields(obj, _NODE_FIELDS, n)
            label = _label(obj["label"], n, "label")
            key = _key(obj["key"], label, n, "key")
            props = _props(obj["props"], n, key[0] if key else None)
            if key is not None:
                ref = (label, _dumps(key[1]))
                if ref in seen:
                    raise BackupError(
                        f"duplicate {label} {key[0]}={key[1]!r} (first on line {seen[ref]})",
                        line=n,
                        field="key",
                    )
                seen[ref] = n
                props = {key[0]: key[1], **props}
            _served(node_problems(label, props), n)
            backup.nodes.setdefault(label, []).append({"props": props})
            backup.summary.nodes[label] = backup.summary.nodes.get(label, 0) + 1
        elif kind == "rel":
            _fields(obj, _REL_FIELDS, n)
            rtype = obj["type"]
            if rtype not in TYPES:
                raise BackupError(
                    f"unknown relationship type {rtype!r} (graph.models.RelType)",
                    line=n,
                    field="type",
                )
            keys = []
            for side in ("from", "to"):
                end = obj[side]
                if not isinstance(end, dict):
                    raise BackupError("must be an object", line=n, field=side)
                _fields(end, ("label", "key"), n, f"{side}.")
                label = _label(end["label"], n, f"{side}.label")
                key = _key(end["key"], label, n, f"{side}.key")
                if key is None:
                    raise BackupError(
                        f"{label} nodes cannot be the end of a relationship",
                        line=n,
                        field=f"{side}.label",
                    )
                ends.append((n, side, label, _dumps(key[1])))
                keys.append((label, key[1]))
            pattern = (rtype, keys[0][0], keys[1][0])
            if pattern not in PATTERNS:
                raise BackupError(
                    f"(:{pattern[1]})-[:{rtype}]->(:{pattern[2]}) is not a pattern of the model",
                    line=n,
                    field="type",
                )
            props = _props(obj["props"], n)
            _served(relationship_problems(rtype, props), n)
            backup.rels.setdefault(pattern, []).append(
                {"a": keys[0][1], "b": keys[1][1], "props": props}
            )
            backup.summary.relationships[rtype] = backup.summary.relationships.get(rtype, 0) + 1
        else:
            raise BackupError(f"{kind!r}: must be 'node' or 'rel'", line=n, field="kind")
    for line, side, label, key_text in ends:
        if (label, key_text) not in seen:
            raise BackupError(
                f"no {label} node with key {key_text} in the file", line=line, field=f"{side}.key"
            )
    for name, announced, found in (
        ("nodes", header["counts"]["nodes"], backup.summary.nodes),
        ("relationships", header["counts"]["relationships"], backup.summary.relationships),
    ):
        for what in sorted(set(announced) | set(found)):
            if announced.get(what, 0) != found.get(what, 0):
                raise BackupError(
                    f"the header announces {announced.get(what, 0)}, the file holds "
                    f"{found.get(what, 0)} (the file ends at line {n}: truncated?)",
                    line=1,
                    field=f"counts.{name}.{what}",
                )
    return backup


# -- restore ---------------------------------------------------------------------------------


def _chunks(name: str, rows: list[dict[str, Any]]) -> Iterator[Statement]:
    for i in range(0, len(rows), BATCH):
        yield Statement(name, {"rows": rows[i : i + BATCH]})


def restore_statements(backup: Backup) -> list[Statement]:
    statements = [Statement("restore_clear")]
    for label in LABELS:
        statements.extend(_chunks(node_query(label), backup.nodes.get(label, [])))
    for pattern in sorted(PATTERNS):
        statements.extend(_chunks(PATTERNS[pattern], backup.rels.get(pattern, [])))
    # where each establishment offers, from the offers restored rather than the lists the
    # backup holds (a backup edited by hand may have offers its lists do not name)
    statements.append(Statement("actors_offer_places"))
    return statements


def restore_backup(store: GraphStore, backup: Backup) -> BackupSummary:
    """Replace the whole graph with a checked backup, in one all-or-nothing write."""
    statements = restore_statements(backup)
    store.ensure_schema()
    try:
        store.write_atomic(statements)
    except DatabaseUnavailable:
        raise
    except GraphError as exc:
        raise BackupError(f"the restore failed and changed nothing: {exc}") from exc
    return backup.summary


def restore_graph(store: GraphStore, fh: Iterable[str]) -> BackupSummary:
    """Check the whole file, then replace the graph with it (all or nothing)."""
    return restore_backup(store, read_backup(fh))
