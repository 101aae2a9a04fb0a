"""A backup moves between engines: exported from FalkorDB and restored on Neo4j (and the
reverse), the graph gives the same answers to 20 pathway and 5 gap questions.

Needs both engines at once, so it is not parametrised: it runs with the Neo4j runs (marker
``neo4j``) and skips with them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.engines.falkordb_store import FalkorDBStore
from graph.engines.neo4j_store import Neo4jStore
from graph.gaps import gap_report
from graph.ingest.backup import export_graph, restore_graph
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.pathways import PathwayQuery, find_pathways
from graph.store import GraphStore
from graph.territory import Territory
from tests.conftest import SEEDS, make_settings
from tests.neo4j_server import Neo4jPool
from tests.raw_query import raw_rows

pytestmark = pytest.mark.neo4j


@pytest.fixture
def falkordb(tmp_path: Path) -> Iterator[FalkorDBStore]:
    store = FalkorDBStore(make_settings(tmp_path / "falkordb"))
    yield store
    store.close()


@pytest.fixture
def neo4j(neo4j_pool: Neo4jPool, tmp_path: Path) -> Iterator[Neo4jStore]:
    uri = neo4j_pool.acquire()
    store = Neo4jStore(neo4j_pool.settings(uri, tmp_path / "unused"))
    yield store
    store.close()
    neo4j_pool.release(uri)


def _export(store: GraphStore) -> str:
    buf = io.StringIO()
    export_graph(store, buf)
    return buf.getvalue()


def _pathway_questions(store: GraphStore) -> list[PathwayQuery]:
    """20 questions drawn from the graph: diplomas that lead somewhere, several goals, with and
    without a territory (the départements of the campuses' sites)."""
    starts = raw_rows(
        store,
        "MATCH (d:Diploma)-[:LEADS_TO]->(:Diploma) WHERE d.level <= 5 "
        "RETURN DISTINCT d.code, d.level ORDER BY d.level, d.code",
    )
    deps = sorted({r[0] for r in raw_rows(store, "MATCH (s:Site) RETURN s.departement")} - {None})
    assert len(starts) >= 10 and len(deps) >= 3
    questions = []
    for i in range(20):
        code, level = starts[(i * 7) % len(starts)]
        territory = Territory() if i % 3 == 0 else Territory(departements=deps[i % 4 :][:2])
        questions.append(
            PathwayQuery(
                start_codes=[code],
                start_label=code,
                to_level=min(7, level + 1 + i % 3),
                territory=territory,
                allow_outside=i % 5 == 0,
                limit=20,
            )
        )
    return questions


def _gap_questions(store: GraphStore) -> list[tuple[Territory, str | None]]:
    deps = sorted({r[0] for r in raw_rows(store, "MATCH (s:Site) RETURN s.departement")} - {None})
    campus = raw_rows(store, "MATCH (c:Campus) RETURN c.id ORDER BY c.id")[0][0]
    # a filière with ROME codes: asked beyond its campus's territory, a filière no public link
    # describes is refused (graph/gaps/foreign.py)
    sector = raw_rows(
        store, "MATCH (s:Sector) WHERE size(coalesce(s.rome, [])) > 0 RETURN s.id ORDER BY s.id"
    )[0][0]
    return [
        (Territory(departements=deps[:1]), None),
        (Territory(departements=deps[:3]), None),
        (Territory(departements=deps), sector),
        (Territory(campus=campus), None),
        (Territory(), None),
    ]


def _answers(store: GraphStore, pathways: list[PathwayQuery], gaps: list) -> tuple[list, list]:
    found = [find_pathways(store, q).model_dump() for q in pathways]
    reports = [gap_report(store, t, s, cached=False).model_dump() for t, s in gaps]
    return found, reports


def _same_answers(a: GraphStore, b: GraphStore) -> None:
    pathways, gaps = _pathway_questions(a), _gap_questions(a)
    answers_a, answers_b = _answers(a, pathways, gaps), _answers(b, pathways, gaps)
    # enough questions with answers for the comparison to mean something: 6 of the 20 on the
    # seeds (a leg tied to a campus's territory — a campus programme's, or one matched on a
    # campus's filière — holds only where the question gives a place, and 7 give none; since
    # a programme of unknown field matches no diploma, docs/inferred-passerelles.md, the
    # seeds' inferred legs went from 137 to 77 and 9 answers to 6; since no inferred leg starts
    # from a course year — a 2nde professionnelle, a common first year: seconde19 — the
    # starts drawn differ and 4 of them are answered)
    assert sum(1 for p in answers_a[0] if p["count"] > 0) >= 4
    for q, x, y in zip(pathways, answers_a[0], answers_b[0], strict=True):
        assert x == y, q
    for (t, s), x, y in zip(gaps, answers_a[1], answers_b[1], strict=True):
        assert x == y, (t, s)


def test_falkordb_backup_restored_on_neo4j_answers_the_same(
    falkordb: FalkorDBStore, neo4j: Neo4jStore
) -> None:
    load_seeds(falkordb, load_seed_dir(SEEDS))
    text = _export(falkordb)
    restore_graph(neo4j, io.StringIO(text))
    assert _export(neo4j).splitlines()[1:] == text.splitlines()[1:]
    _same_answers(falkordb, neo4j)


def test_neo4j_backup_restored_on_falkordb_answers_the_same(
    falkordb: FalkorDBStore, neo4j: Neo4jStore
) -> None:
    load_seeds(neo4j, load_seed_dir(SEEDS))
    text = _export(neo4j)
    restore_graph(falkordb, io.StringIO(text))
    assert _export(falkordb).splitlines()[1:] == text.splitlines()[1:]
    _same_answers(neo4j, falkordb)
