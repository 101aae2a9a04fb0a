"""``cmq restore`` refuses records the API could not serve (graph.record_rules), naming the line
and the field; graphs made by the product itself (seeds, open-data import, edits) pass."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from api.cli import main
from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.backup import BackupError, export_graph, read_backup
from graph.ingest.opendata import run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import MINI_SEEDS, SEEDS, make_settings

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata"


def _export(store: FalkorDBStore) -> list[str]:
    buf = io.StringIO()
    export_graph(store, buf)
    return buf.getvalue().splitlines()


def _edited(lines: list[str], label: str, change: dict) -> tuple[list[str], int]:
    """The export with the first node of ``label`` changed (None removes a property)."""
    for i, text in enumerate(lines):
        obj = json.loads(text)
        if obj.get("kind") == "node" and obj["label"] == label:
            for k, v in change.items():
                if v is None:
                    obj["props"].pop(k, None)
                else:
                    obj["props"][k] = v
            out = list(lines)
            out[i] = json.dumps(obj, ensure_ascii=False)
            return out, i + 1
    raise AssertionError(f"no {label} in the export")


@pytest.fixture(scope="module")
def mini_export(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    store = FalkorDBStore(make_settings(tmp_path_factory.mktemp("mini") / "db"))
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
        return _export(store)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("label", "change", "field"),
    [
        ("Actor", {"kind": "college"}, "props.kind"),
        ("Actor", {"name": None}, "props.name"),
        ("Actor", {"name": "  "}, "props.name"),
        ("Actor", {"boarding_places": 1.797e308}, "props.boarding_places"),
        ("Site", {"lat": 123.0}, "props.lat"),
        ("Diploma", {"type": "diplome_inconnu"}, "props.type"),
        ("Passerelle", {"from_codes": None}, "props.from_codes"),
    ],
)
def test_restore_refuses_what_the_api_cannot_serve(
    mini_export: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    label: str,
    change: dict,
    field: str,
) -> None:
    lines, line = _edited(mini_export, label, change)
    with pytest.raises(BackupError) as info:
        read_backup(lines)
    assert (info.value.line, info.value.field) == (line, field)
    path = tmp_path / "backup.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("CMQ_DATA_DIR", str(tmp_path / "db"))
    assert main(["restore", str(path), "--yes"]) != 0
    err = capsys.readouterr().err
    assert f"ligne {line}" in err and field in err


def test_graphs_the_product_makes_pass(tmp_path: Path) -> None:
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        load_seeds(store, load_seed_dir(SEEDS))
        run_import(store, FIX)
        backup = read_backup(_export(store))
        assert backup.summary.nodes["Actor"] > 50
    finally:
        store.close()
