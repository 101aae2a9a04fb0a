"""Continuations a counsellor expects, on rows of the national files
(``tests/fixtures/opendata_links23/``, make_fixture.py says which):

- BTS électrotechnique → a licence pro of a neighbouring speciality that trains for one of its
  jobs (« maintenance et technologie : systèmes pluritechniques », NSF 200, ROME H1101 shared),
  said inferred and why; one commercial job shared by BTS MCO and the licence pro métiers de la
  mode makes no leg (their fields do not meet) (graph/inference/rules.py);
- an agricultural 2de professionnelle asked as a start is said the first year of the Bac pros
  familleMetiers.csv gives its famille (graph/diploma_names.py, ``seconde_start_note``).
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_links23"
ELECTROTECHNIQUE = "32025520"
PLURITECHNIQUES = "2502001Y"  # licence pro, I.U.T. de Chalon-sur-Saône
MCO = "32031213"
PRODUCTIONS_2NDE = "40321112"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_a_bts_reaches_a_licence_pro_of_a_neighbouring_speciality(client: TestClient) -> None:
    answer = ask(client, **{"from": ELECTROTECHNIQUE, "to_type": "licence_pro", "home": "Lyon"})
    steps = [p["steps"][-1] for p in answer["pathways"]]
    assert [st["code"] for st in steps] == [PLURITECHNIQUES], answer
    said = steps[0]["passerelle"]["description"]
    assert steps[0]["passerelle"]["origin"] == "inferred"
    assert "licence d'une spécialité voisine" in said, said
    assert "« Technicien / Technicienne support technique »" in said, said
    assert "(non documentée)" in said, said
    assert_plain_french(sentences(answer))


def test_one_job_shared_across_fields_apart_makes_no_leg(client: TestClient) -> None:
    page = client.get(f"/diplomas/{MCO}").json()
    assert [n for n in page["next"] if n["type"] == "licence_pro"] == [], page["next"]


def test_an_agricultural_2de_pro_is_said_the_first_year_of_its_famille(client: TestClient) -> None:
    answer = ask(client, **{"from": PRODUCTIONS_2NDE, "to_level": 5, "departements": "21"})
    first = answer["notices"][0]
    assert first.startswith(
        "La 2de professionnelle agricole « Productions » n'est pas un diplôme : c'est la 1re "
        "année des Bac pro de la famille de métiers « Métiers des productions » ("
    ), first
    assert "Bac pro conduite et gestion de l'entreprise agricole" in first, first
    assert first.endswith("Demandez plutôt les parcours depuis le Bac pro préparé."), first
