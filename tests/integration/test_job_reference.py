"""The ROME job reference the national import keeps in the graph (``Job`` nodes: every code of
rome.csv, with the job names of metier.csv), on each real engine. The fixture is the national
cut of tests/fixtures/opendata_jobhonest with tests/fixtures/opendata_jobref's rome.csv (a few
codes no diploma of the cut trains for: A1401 Vendangeur, K1304 Aide à domicile…, and two bad
rows) and metier.csv (eight job names and three bad rows).

Before, a code no diploma trains for (A1401) answered the 404 of an unknown code (« Métier
inconnu des données »), a job filed under another code (F1619 Couvreur / Couvreuse, under
F1610) was unknown by its code, and the names of metier.csv (« braseur », « aide à domicile »)
found nothing."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.ingest.backup import export_graph, restore_graph
from graph.ingest.opendata.writer import run_import
from graph.store import GraphStore
from tests.conftest import FIXED_DAY, StoreMaker, ask, imported_client
from tests.raw_query import raw_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UNTRAINED = "Métier connu (A1401 — Vendangeur / Vendangeuse) mais aucune formation des données "


def _folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jobref")
    for p in (FIXTURES / "opendata_jobhonest").glob("*.csv"):
        shutil.copy(p, folder / p.name)
    for p in (FIXTURES / "opendata_jobref").glob("*.csv"):
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="module", name="client")
def client_fixture(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    folder = _folder(tmp_path_factory)
    yield from imported_client(session_stores(), folder, tmp_path_factory, as_of=FIXED_DAY)


def _store(client: TestClient) -> GraphStore:
    store: GraphStore = client.app.state.store  # type: ignore[attr-defined]
    return store


def test_a_known_job_no_diploma_trains_for_is_said_so(client: TestClient) -> None:
    for job in ("A1401", "a1401", "vendangeur", "aide viticole"):
        r = client.get("/pathways", params={"from_level": 4, "job": job})
        assert r.status_code == 404, (job, r.text)
        assert r.json()["detail"] == UNTRAINED + "n'y prépare.", job
        # an answer, not a wrong code: its own code, which the web page shows as an answer
        assert r.json()["code"] == "job_untrained", job
    r = client.get("/pathways", params={"from_level": 4, "job": "N9999"})
    assert r.status_code == 404, r.text
    assert r.json()["detail"] == "Code métier inconnu du répertoire ROME importé : N9999."
    assert r.json()["code"] == "not_found"


def test_a_code_filed_under_another_answers_as_that_code(client: TestClient) -> None:
    by_parent = ask(client, from_level=2, job="F1610")
    by_child = ask(client, from_level=2, job="F1619")
    assert by_child["goal"] == (
        "métier ROME F1619 (Couvreur / Couvreuse, rattaché au code ROME F1610)"
    ), by_child["goal"]
    assert by_child["pathways"] == by_parent["pathways"]
    assert by_child["reason"] == by_parent["reason"]


def test_job_names_of_metier_find_their_job(client: TestClient) -> None:
    # the name read said with the job's own (« braseur » was no job)
    assert ask(client, from_level=4, job="braseur", departements="63")["goal"] == (
        "métier ROME H2913 (Braseur / Braseuse, un des noms du métier Soudeur / Soudeuse)"
    )
    assert ask(client, from_level=2, job="aide de cuisine")["goal"] == (
        "métier ROME G1602 (Aide de cuisine, un des noms du métier Commis / Commise de cuisine)"
    )
    # a name of F1619's job, filed under F1610: said as F1619's, never as F1610's first job
    assert ask(client, from_level=2, job="couvreur zingueur")["goal"] == (
        "métier ROME F1610 (Couvreur zingueur / Couvreuse zingueuse, un des noms du métier "
        "Couvreur / Couvreuse)"
    )
    r = client.get("/pathways", params={"from_level": 4, "job": "aide à domicile"})
    assert r.status_code == 404, r.text
    assert r.json()["detail"].startswith("Métier connu (K1304 — Aide à domicile) mais aucune")
    # one name, two jobs: never one taken silently
    r = client.get(
        "/pathways",
        params={"from_level": 4, "job": "chargée de mission développement durable"},
    )
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert "plusieurs métiers" in detail and "K1802 (" in detail and "M1402 (" in detail


def test_jobs_lists_every_job_of_the_reference(client: TestClient) -> None:
    found = client.get("/v1/jobs", params={"q": "vendangeur"}).json()
    assert [(j["code"], j["diplomas"]) for j in found["items"]] == [("A1401", 0)], found
    assert found["items"][0]["note"] == (
        "Métier connu, mais aucune formation des données n'y prépare."
    )
    found = client.get("/v1/jobs", params={"q": "couvreur"}).json()
    assert found["items"][0]["code"] == "F1610" and found["items"][0]["filed"] == ["F1619"]
    assert found["items"][0]["note"] is None
    found = client.get("/v1/jobs", params={"q": "F1619"}).json()
    assert [j["code"] for j in found["items"]] == ["F1610"]


def test_diploma_search_says_a_job_no_diploma_trains_for(client: TestClient) -> None:
    for q in ("vendangeur", "A1401"):
        found = client.get("/v1/diplomas/search", params={"q": q}).json()
        assert found["count"] == 0 and found["hint"] == UNTRAINED + "n'y prépare.", found
    found = client.get("/v1/diplomas/search", params={"q": "braseur"}).json()
    assert found["count"] > 0, found


def test_the_reference_is_in_the_graph_and_survives_a_backup(client: TestClient) -> None:
    store = _store(client)
    rows = raw_rows(
        store,
        "MATCH (j:Job) WHERE j.code IN ['A1401', 'F1619'] "
        "RETURN j.code, j.name, j.parent, j.appellations, j.source ORDER BY j.code",
    )
    assert rows[0][:4] == ["A1401", "Vendangeur / Vendangeuse", None, ["Aide viticole"]]
    assert rows[1][:4] == [
        "F1619",
        "Couvreur / Couvreuse",
        "F1610",
        ["Couvreur zingueur / Couvreuse zingueuse"],
    ]
    assert "metier.csv" in rows[0][4] and "rome.csv" in rows[0][4]
    count = "MATCH (j:Job) RETURN count(j)"
    before = raw_rows(store, count)
    out = io.StringIO()
    export_graph(store, out)
    restore_graph(store, io.StringIO(out.getvalue()))
    assert raw_rows(store, count) == before and before[0][0] > 50


def test_bad_rows_are_reported_and_a_code_no_longer_listed_is_deleted(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> None:
    store = session_stores()
    folder = _folder(tmp_path_factory)
    summary = run_import(store, folder, as_of=FIXED_DAY)
    files = {f.name: f for f in summary.files}
    assert dict(files["metier.csv"].skipped) == {
        "no ROME code (e.g. G1602) or no name": 1,
        "job name already listed for its ROME code": 1,
        "ROME code not listed by rome.csv": 1,
    }
    assert files["metier.csv"].rows_used == 8
    assert dict(files["rome.csv"].skipped) == {
        "no ROME code (e.g. G1602) or no name": 1,
        "ROME code already listed (kept its first row)": 1,
    }
    lines = (folder / "rome.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "rome.csv").write_text(
        "".join(line for line in lines if not line.startswith("A1401;")), encoding="utf-8"
    )
    # the summary counts the jobs written as it counts the other nodes, in French
    (jobs,) = raw_rows(store, "MATCH (j:Job) RETURN count(j)")[0]
    assert summary.nodes["Job"] == {
        "written": jobs,
        "created": jobs,
        "updated": 0,
        "seed": 0,
        "deleted": 0,
    }
    said = f"métiers (ROME)  {jobs:>7} écrits : {jobs} créés, 0 mis à jour, 0 supprimés"
    assert said in summary.format_text(), summary.format_text()
    again = run_import(store, folder, as_of=FIXED_DAY)
    assert raw_rows(store, "MATCH (j:Job {code: 'A1401'}) RETURN count(j)") == [[0]]
    assert raw_rows(store, "MATCH (j:Job {code: 'K1304'}) RETURN count(j)") == [[1]]
    assert again.nodes["Job"] == {
        "written": jobs - 1,
        "created": 0,
        "updated": jobs - 1,
        "seed": 0,
        "deleted": 1,
    }
