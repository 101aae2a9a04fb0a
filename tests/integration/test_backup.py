"""cmq export / cmq restore on each engine (real servers): round trip, determinism, bad files."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from api.cli import main
from graph.cypher import CypherLibrary
from graph.ingest.backup import (
    FORMAT,
    KEYS,
    LABELS,
    PATTERNS,
    TYPES,
    BackupError,
    export_graph,
    node_query,
    read_backup,
    restore_backup,
    restore_graph,
)
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.models import InternalLabel, Label, RelType
from graph.schema import SCHEMA
from graph.store import GraphStore
from tests.conftest import MINI_SEEDS
from tests.raw_query import raw_rows


def _snapshot(store: GraphStore) -> tuple[list[str], list[str]]:
    """Every node and relationship with all its properties, queried directly (not through the
    export code), in a stable order. Like tests/integration/test_loader.py's helper, but blind
    to the order of properties inside a node, which the engine does not keep."""
    nodes = raw_rows(store, "MATCH (n) WHERE NOT n:GraphLog RETURN labels(n), properties(n)")
    rels = raw_rows(
        store,
        "MATCH (a)-[r]->(b) RETURN type(r), labels(a), coalesce(a.id, a.code, a.insee), "
        "labels(b), coalesce(b.id, b.code, b.insee), properties(r)",
    )
    canon = [
        sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)
        for rows in (nodes, rels)
    ]
    return canon[0], canon[1]


def _assert_no_staging(store: GraphStore) -> None:
    """FalkorDB restores into a staging graph swapped in at the end: none must be left. (Neo4j
    restores in one transaction: nothing to leave.)"""
    if store.engine == "falkordb":
        assert store._db.list_graphs() == [store.graph_name]  # type: ignore[attr-defined]


def _export(store: GraphStore) -> str:
    buf = io.StringIO()
    export_graph(store, buf)
    return buf.getvalue()


def _body(text: str) -> list[str]:
    return text.splitlines()[1:]


@pytest.fixture(scope="module")
def seed_export(seed_store: GraphStore) -> str:
    return _export(seed_store)


@pytest.fixture
def mini_target(new_store: Callable[..., GraphStore]) -> GraphStore:
    """A store holding the mini campus: the graph a bad restore must leave as it was."""
    store = new_store()
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    return store


# -- the closed lists -----------------------------------------------------------------------


def test_every_label_and_type_can_be_restored() -> None:
    """A label or type added to graph.models needs its restore query (and, for a type, its
    patterns in graph/ingest/backup.py), or backups of graphs holding it would fail."""
    names = set(CypherLibrary("falkordb").names()) & set(CypherLibrary("neo4j").names())
    assert set(LABELS) == {m.value for m in Label}
    assert set(TYPES) == {m.value for m in RelType}
    for label in LABELS:
        assert node_query(label) in names, f"missing cypher/{node_query(label)}.cypher"
        assert label in KEYS, f"{label} has no unique key in graph/schema.py"
    for rtype in TYPES:
        assert any(p[0] == rtype for p in PATTERNS), f"no restore pattern for {rtype}"
    for query in PATTERNS.values():
        assert query in names, f"missing cypher/{query}.cypher"
    # Every unique key is a restorable label's, but the Neo4j store's bookkeeping (not data).
    unique = {k.label: k.prop for k in SCHEMA if k.unique}
    assert {k: v for k, v in unique.items() if k not in {m.value for m in InternalLabel}} == KEYS


# -- round trip ------------------------------------------------------------------------------


def test_round_trip_on_the_real_seeds(
    seed_store: GraphStore, seed_export: str, empty_store: GraphStore
) -> None:
    header = json.loads(seed_export.splitlines()[0])
    assert header["format"] == FORMAT and header["version"] == 1
    assert header["engine"] == seed_store.engine
    counts = {r["label"]: r["count"] for r in seed_store.read("health_counts")}
    assert header["counts"]["nodes"] == counts
    rels = {r["type"]: r["count"] for r in seed_store.read("relationship_counts")}
    assert header["counts"]["relationships"] == rels
    assert len(_body(seed_export)) == sum(counts.values()) + sum(rels.values())

    summary = restore_graph(empty_store, io.StringIO(seed_export))
    assert summary.nodes == counts

    # same nodes, relationships and properties, compared independently of the export code
    assert _snapshot(empty_store) == _snapshot(seed_store)
    # and export(restore(export)) is the same file but for the time stamp
    again = _export(empty_store)
    assert _body(again) == _body(seed_export)
    first, second = json.loads(seed_export.splitlines()[0]), json.loads(again.splitlines()[0])
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second
    # restore replaced, it did not add: a second restore gives the same graph
    restore_graph(empty_store, io.StringIO(seed_export))
    assert _body(_export(empty_store)) == _body(seed_export)
    _assert_no_staging(empty_store)  # no staging left


def test_export_is_deterministic_and_ordered(seed_store: GraphStore, seed_export: str) -> None:
    assert _body(_export(seed_store)) == _body(seed_export)
    kinds = [json.loads(line)["kind"] for line in _body(seed_export)]
    assert kinds == sorted(kinds, key=lambda k: k != "node")  # nodes first, then relationships
    node = next(json.loads(x) for x in _body(seed_export) if '"label":"Actor"' in x)
    assert list(node) == ["kind", "label", "key", "props"]
    assert list(node["key"]) == ["id"] and "id" not in node["props"]
    assert list(node["props"]) == sorted(node["props"])


def test_restore_into_a_graph_with_data_replaces_it(
    seed_export: str, mini_target: GraphStore, seed_store: GraphStore
) -> None:
    restore_graph(mini_target, io.StringIO(seed_export))
    assert _snapshot(mini_target) == _snapshot(seed_store)


def test_export_of_an_empty_graph_restores_to_an_empty_graph(
    empty_store: GraphStore, mini_target: GraphStore
) -> None:
    text = _export(empty_store)
    assert json.loads(text)["counts"] == {"nodes": {}, "relationships": {}}
    assert _body(text) == []
    restore_graph(mini_target, io.StringIO(text))
    assert mini_target.read("health_counts") == []


def test_edits_change_log_survives_a_round_trip(
    mini_target: GraphStore, empty_store: GraphStore
) -> None:
    """Nodes of every label (here a Change) and odd values: unicode, quotes, empty lists."""
    change = {
        "id": "c1",
        "at": "2026-01-01T00:00:00.000+00:00",
        "by": "tester",
        "action": "update",
        "target": "Actor:lycee-a",
        "source": 'a letter « quoted » "twice" \\ back\nline',
        "payload_json": json.dumps({"name": "Lycée A – 😀"}, ensure_ascii=False),
        "tags": [],
        "score": 3.0,
    }
    raw_rows(mini_target, "CREATE (c:Change) SET c += $p", {"p": change})
    text = _export(mini_target)
    restore_graph(empty_store, io.StringIO(text))
    assert _snapshot(empty_store) == _snapshot(mini_target)
    assert _body(_export(empty_store)) == _body(text)
    line = next(x for x in _body(text) if '"label":"Change"' in x)
    props = json.loads(line)["props"]
    assert props["score"] == 3.0 and isinstance(props["score"], float) and props["tags"] == []


# -- bad files change nothing ----------------------------------------------------------------


def _corrupt(text: str, how: str) -> tuple[str, int]:
    """A damaged copy of an export, and the number of the line a restore must blame."""
    lines = text.splitlines()
    node_i = max(i for i, x in enumerate(lines) if x.startswith('{"kind":"node"'))
    rel_i = len(lines) - 1  # relationships come last
    bad_i = node_i
    if how == "truncated_line":
        return "\n".join(lines)[:-25], len(lines)
    if how == "truncated_at_a_line_end":
        return "\n".join(lines[:-3]) + "\n", 1
    if how == "unknown_label":
        lines[node_i] = lines[node_i].replace('"label":"', '"label":"Hacker', 1)
    elif how == "label_injection":
        lines[node_i] = lines[node_i].replace('"label":"', '"label":"Actor) DETACH DELETE (x:', 1)
    elif how == "unknown_type":
        lines[rel_i] = lines[rel_i].replace('"type":"', '"type":"X', 1)
        bad_i = rel_i
    elif how == "missing_key":
        obj = json.loads(lines[node_i])
        del obj["key"]
        lines[node_i] = json.dumps(obj)
    elif how == "wrong_key":
        obj = json.loads(lines[node_i])
        obj["key"] = {"name": "x"}
        lines[node_i] = json.dumps(obj)
    elif how == "dangling_end":
        obj = json.loads(lines[rel_i])
        obj["to"]["key"] = {k: "nobody" for k in obj["to"]["key"]}
        lines[rel_i] = json.dumps(obj)
        bad_i = rel_i
    elif how == "duplicate_node":
        lines.insert(node_i, lines[node_i])
        bad_i = node_i + 1
    elif how == "nested_property":
        obj = json.loads(lines[node_i])
        obj["props"]["bad"] = {"a": 1}
        lines[node_i] = json.dumps(obj)
    elif how == "bad_version":
        lines[0] = lines[0].replace('"version":1', '"version":2')
        bad_i = 0
    elif how == "not_an_export":
        lines[0] = json.dumps({"hello": "world"})
        bad_i = 0
    elif how == "blank_line":
        lines.insert(2, "")
        bad_i = 2
    return "\n".join(lines) + "\n", bad_i + 1


@pytest.mark.parametrize(
    ("how", "field", "message"),
    [
        ("truncated_line", None, "not valid JSON"),
        ("truncated_at_a_line_end", "counts.relationships.", "truncated?"),
        ("unknown_label", "label", "unknown label 'Hacker"),
        ("label_injection", "label", "unknown label"),
        ("unknown_type", "type", "unknown relationship type"),
        ("missing_key", "key", "missing"),
        ("wrong_key", "key", "key is"),
        ("dangling_end", "to.key", "no "),
        ("duplicate_node", "key", "duplicate"),
        ("nested_property", "props.bad", "list of those"),
        ("bad_version", "version", "reads version 1"),
        ("not_an_export", "format", "not a cmq-graph-export file"),
        ("blank_line", None, "empty line"),
    ],
)
def test_a_bad_backup_is_refused_and_changes_nothing(
    seed_export: str, mini_target: GraphStore, how: str, field: str | None, message: str
) -> None:
    before = _snapshot(mini_target)
    bad, line = _corrupt(seed_export, how)
    with pytest.raises(BackupError) as caught:
        restore_graph(mini_target, io.StringIO(bad))
    err = caught.value
    assert message in err.message, str(err)
    assert err.line == line, str(err)
    assert str(err).startswith(f"line {line}")
    if field is not None:
        assert err.field is not None and err.field.startswith(field), str(err)
    assert _snapshot(mini_target) == before
    _assert_no_staging(mini_target)


def test_a_relationship_without_its_ends_fails_inside_the_database(
    seed_export: str, mini_target: GraphStore
) -> None:
    """The restore queries check themselves: a row whose ends are missing (which read_backup
    rules out) aborts the whole write instead of being skipped."""
    backup = read_backup(io.StringIO(seed_export))
    pattern = ("OFFERS", "Actor", "Diploma")
    backup.rels[pattern][-1] = {**backup.rels[pattern][-1], "b": "no-such-diploma"}
    before = _snapshot(mini_target)
    # The engines word it differently: "Division by zero" (FalkorDB), "/ by zero" (Neo4j).
    with pytest.raises(BackupError, match="changed nothing: .*(Division|/) by zero"):
        restore_backup(mini_target, backup)
    assert _snapshot(mini_target) == before
    _assert_no_staging(mini_target)


def test_read_backup_checks_without_a_database(seed_export: str) -> None:
    backup = read_backup(io.StringIO(seed_export))
    header = json.loads(seed_export.splitlines()[0])
    assert backup.summary.nodes == header["counts"]["nodes"]
    assert backup.summary.relationships == header["counts"]["relationships"]
    with pytest.raises(BackupError, match="empty file"):
        read_backup(io.StringIO(""))


# -- command line ----------------------------------------------------------------------------


def test_cli_export_and_restore(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    mini_target: GraphStore,
    new_store: Callable[..., GraphStore],
) -> None:
    # export the mini graph (the CLI reuses the server already serving the directory)
    monkeypatch.setenv("CMQ_GRAPH_URI", mini_target.settings.graph_uri)  # type: ignore[attr-defined]
    monkeypatch.setenv("CMQ_DATA_DIR", str(mini_target.settings.data_dir))  # type: ignore[attr-defined]
    out = tmp_path / "backup.jsonl"
    assert main(["export", str(out)]) == 0
    assert "exportés" in capsys.readouterr().err
    assert main(["export"]) == 0  # to stdout
    assert capsys.readouterr().out.splitlines()[1:] == out.read_text("utf-8").splitlines()[1:]

    target = new_store()
    monkeypatch.setenv("CMQ_GRAPH_URI", target.settings.graph_uri)  # type: ignore[attr-defined]
    monkeypatch.setenv("CMQ_DATA_DIR", str(target.settings.data_dir))  # type: ignore[attr-defined]
    assert main(["restore", str(out)]) == 2  # no --yes: checked, not restored
    assert "--yes" in capsys.readouterr().err
    assert target.read("health_counts") == []
    assert main(["restore", str(out), "--yes"]) == 0
    assert "restaurés" in capsys.readouterr().out
    assert _snapshot(target) == _snapshot(mini_target)

    bad = tmp_path / "bad.jsonl"
    bad.write_text(_corrupt(out.read_text("utf-8"), "unknown_label")[0], encoding="utf-8")
    assert main(["restore", str(bad), "--yes"]) == 2
    assert "champ 'label'" in capsys.readouterr().err
    assert _snapshot(target) == _snapshot(mini_target)
