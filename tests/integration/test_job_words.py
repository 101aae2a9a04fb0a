"""A goal job asked by its name, on each real engine, over the national fixture's ROME names
(``tests/fixtures/opendata_jobhonest/rome.csv``): « soudeur » is the job H2913, words naming
several jobs or none are refused in French with the jobs to choose from, a ROME code the data
does not know is refused (the answer said « métier ROME H9999 » or « métier choisi » and that
no diploma prepares for it); GET /jobs lists the jobs by words. A close spelling is never taken
for a job (« viticulteur » was read as A1409 « Aviculteur »), a word that only begins a job's
name neither when other names hold it or are spelt close (« cuisinier » was read as H3303, of
the chemical industry), and a code is named by all its jobs of rome.csv (F1610 was « Monteur /
Monteuse de panneaux photovoltaïques » alone, and « couvreur » found nothing)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_jobhonest"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_a_job_word_is_read_as_its_rome_job(client: TestClient) -> None:
    by_code = ask(client, from_level=4, job="H2913", departements="63")
    for word in ("soudeur", "Soudeuse", "SOUDEUSE"):
        answer = ask(client, from_level=4, job=word, departements="63")
        assert answer["goal"] == "métier ROME H2913 (Soudeur / Soudeuse)", word
        assert answer["reason"] == by_code["reason"]


def test_words_naming_several_jobs_list_them(client: TestClient) -> None:
    r = client.get("/pathways", params={"from_level": 4, "job": "électricien"})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert "plusieurs métiers" in detail
    assert "F1602 (Électricien / Électricienne du bâtiment)" in detail
    assert "I1309 (Électricien / Électricienne de maintenance)" in detail


def test_words_naming_no_job_and_unknown_codes_are_refused(client: TestClient) -> None:
    r = client.get("/pathways", params={"from_level": 4, "job": "chaudronnerie soudure"})
    assert r.status_code == 404, r.text
    assert r.json()["detail"] == "Métier inconnu des données : chaudronnerie soudure."
    assert "H2902 (Chaudronnier / Chaudronnière)" in r.json()["suggestions"]
    r = client.get("/pathways", params={"from_level": 4, "job": "H9999"})
    assert r.status_code == 404, r.text
    # the import wrote the ROME reference (rome.csv): the code is not a job of it
    assert r.json()["detail"] == "Code métier inconnu du répertoire ROME importé : H9999."


def test_jobs_are_listed_by_words(client: TestClient) -> None:
    found = client.get("/v1/jobs", params={"q": "soudeur"}).json()
    assert [(j["code"], j["name"]) for j in found["items"]] == [("H2913", "Soudeur / Soudeuse")]
    assert found["items"][0]["diplomas"] > 0
    found = client.get("/v1/jobs", params={"q": "electricien"}).json()
    # the names that hold the word first, then the close spellings (électronicien…)
    assert {j["code"] for j in found["items"][:2]} == {"F1602", "I1309"}
    found = client.get("/v1/jobs", params={"q": "zzzz"}).json()
    assert found["count"] == 0 and found["hint"].startswith("Aucun métier des données")


def test_a_close_spelling_is_never_taken_for_the_job(client: TestClient) -> None:
    r = client.get("/pathways", params={"from_level": 4, "job": "soudure"})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert detail.startswith("Aucun métier des données ne porte le nom « soudure »"), detail
    assert "H2913 (Soudeur / Soudeuse)" in detail


def test_a_word_that_begins_several_names_lists_the_jobs_cooking_first(
    client: TestClient,
) -> None:
    for word in ("cuisinier", "Cuisinière"):
        r = client.get("/pathways", params={"from_level": 2, "job": word})
        assert r.status_code == 422, (word, r.text)
        detail = r.json()["detail"]
        assert "plusieurs métiers" in detail, detail
        listed = detail.split("(« job ») : ", 1)[1]
        # the cooking jobs (CAP and Bac pro cuisine train for G1602) before the chemical one
        assert listed.startswith(
            "G1602 (Commis / Commise de cuisine ; Cuisinier / Cuisinière de collectivité)"
        ), listed
        assert "H3303 (Cuisinier / Cuisinière en industrie chimique)" in listed
    answer = ask(client, from_level=2, job="cuisinière de collectivité")
    assert answer["goal"].startswith("métier ROME G1602 (Commis / Commise de cuisine ; ")


def test_a_job_filed_under_another_code_names_it(client: TestClient) -> None:
    answer = ask(client, from_level=2, job="viticulteur")
    assert answer["goal"].startswith("métier ROME A1405 (Arboriculteur / Arboricultrice ; "), answer
    assert "Viticulteur / Viticultrice" in answer["goal"]
    found = client.get("/v1/jobs", params={"q": "couvreur"}).json()
    assert [j["code"] for j in found["items"]] == ["F1610"], found
    assert found["items"][0]["names"] == [
        "Monteur / Monteuse de panneaux photovoltaïques",
        "Couvreur / Couvreuse",
    ]
    assert ask(client, from_level=2, job="couvreuse")["goal"].startswith("métier ROME F1610 (")
    cap = client.get("/v1/diplomas/50023223").json()  # CAP couvreur
    assert cap["rome_codes"] == ["F1610"]
    assert cap["rome_labels"] == [
        "Monteur / Monteuse de panneaux photovoltaïques ; Couvreur / Couvreuse"
    ]
