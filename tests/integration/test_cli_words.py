"""`cmq pathways` and `cmq diploma` print public codes and French words: no passerelle id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from api import cli
from graph.store import GraphStore


@pytest.fixture
def on_seeds(seed_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    @contextmanager
    def shared(_settings: object) -> Iterator[GraphStore]:
        yield seed_store  # the session's store: left open

    monkeypatch.setattr(cli, "_store", shared)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv)) == 0
    return capsys.readouterr().out


def test_pathways_print_no_passerelle_id(
    on_seeds: None, capsys: pytest.CaptureFixture[str]
) -> None:
    ask = ("pathways", "--from", "40025014", "--to-level", "7", "--departements", "12,46")
    answer = json.loads(_run(capsys, *ask, "--json"))
    ids = {s["passerelle"]["id"] for p in answer["pathways"] for s in p["steps"] if s["passerelle"]}
    assert ids
    out = _run(capsys, *ask)
    assert not [i for i in ids if i in out], out
    assert "poursuite d'études, documentée" in out or "poursuite d'études, déduite" in out


def test_diploma_prints_no_passerelle_id(
    on_seeds: None, capsys: pytest.CaptureFixture[str]
) -> None:
    d = json.loads(_run(capsys, "diploma", "40025014", "--json"))
    ids = {n["passerelle"] for n in d["next"]} | {p for n in d["next"] for p in n["passerelles"]}
    assert ids
    out = _run(capsys, "diploma", "40025014")
    assert not [i for i in ids if i in out], out
    assert "mène à :" in out and "proposé par" in out


def test_an_unknown_code_is_said_in_french(
    on_seeds: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cmq diploma 99999999` said « diploma '99999999' not found »: the API's French words."""
    assert cli.main(["diploma", "99999999"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("erreur : Diplôme inconnu : 99999999."), err
    assert "not found" not in err
    assert cli.main(["campuses", "pas-un-campus"]) == 1
    err = capsys.readouterr().err
    assert "Campus inconnu : pas-un-campus." in err and "not found" not in err, err
