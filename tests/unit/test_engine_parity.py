"""Every test that runs on one engine through the store fixtures runs on the other too.

The store fixtures of tests/conftest.py are parametrised by ``engine``; a test that skipped one
engine (a hand-written parametrisation, a deselection in a conftest) would show up here as an id
collected for one engine only.
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache

from tests.conftest import ROOT

ENGINE_ID = re.compile(r"(?<=[\[-])(falkordb|neo4j)(?=[\]-])")


@cache
def _collected(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_the_same_test_ids_are_collected_for_each_engine() -> None:
    ids = _collected("tests")
    by_engine: dict[str, set[str]] = {"falkordb": set(), "neo4j": set()}
    for test_id in ids:
        engines = ENGINE_ID.findall(test_id.split("::", 1)[1])
        if len(engines) == 1:
            by_engine[engines[0]].add(ENGINE_ID.sub("ENGINE", test_id))
    assert len(by_engine["falkordb"]) > 150  # the fixtures are parametrised at all
    only_falkordb = sorted(by_engine["falkordb"] - by_engine["neo4j"])
    only_neo4j = sorted(by_engine["neo4j"] - by_engine["falkordb"])
    assert not only_falkordb and not only_neo4j, (only_falkordb[:10], only_neo4j[:10])


def test_the_neo4j_marker_selects_exactly_the_neo4j_runs() -> None:
    """``pytest -m neo4j`` runs every Neo4j run and nothing else; ``-m "not neo4j"`` the rest."""
    everything = set(_collected("tests"))
    neo4j = set(_collected("tests", "-m", "neo4j"))
    on_neo4j = {t for t in everything if "neo4j" in ENGINE_ID.findall(t.split("::", 1)[1])}
    assert on_neo4j and on_neo4j <= neo4j
    assert all("neo4j" in t.lower() for t in neo4j)  # a Neo4j run or a Neo4j-only test
