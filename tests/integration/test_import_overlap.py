"""What the import does while its files are parsed: the graph's state is read meanwhile (the
server and this process's main thread are idle then), and the import is the same."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.opendata import plan, run_import, writer
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import make_settings
from tests.integration.test_import_bulk import FIX, MAX, _seeds


def test_the_graph_state_is_read_while_the_files_are_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = threading.Event()
    seen_during_parse: list[bool] = []
    states: list[Any] = []
    real_read, real_parse = writer.read_state, plan.parse_directory

    def read_state(store: Any) -> Any:
        state = real_read(store)
        states.append(state)
        read.set()
        return state

    def parse_directory(*args: Any, **kwargs: Any) -> Any:
        data = real_parse(*args, **kwargs)
        seen_during_parse.append(read.wait(timeout=30))  # read by then, not after
        return data

    monkeypatch.setattr(writer, "read_state", read_state)
    monkeypatch.setattr(writer, "parse_directory", parse_directory)
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        load_seeds(store, load_seed_dir(_seeds(tmp_path)))
        summary = run_import(store, FIX, max_rejected=MAX)
    finally:
        store.close()
    assert seen_during_parse == [True]
    assert len(states) == 1 and states[0].seed_diplomas  # the seeds' state, read once
    assert summary.nodes["Actor"]["seed"] > 0  # and used: the seed actors the import meets
