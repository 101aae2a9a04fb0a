"""Three counsellor answers on rows of the national files (``tests/fixtures/opendata_answers25/``,
make_fixture.py says which; docs/honest-answers.md, « Session 25 »), on both engines:

- the BTS SIO option A as a goal: the 2020 constat lists it (renewed from its closed
  predecessor) at Lycée Notre Dame de la Providence (Avranches), the 2024 files its « 1re
  année » 32032612 only (optionsBTS.csv ties them): it is prepared there in 2024, said through
  its common first year, and « bts sio » finds the first year first;
- « maçon » (F1703) as a goal job: Certif Info files the CAP maçon under F1701 only; its title
  is the job's name, so it is taken for the goal, said a neighbouring job's diploma;
- the aide-soignant (J1501) from Épinal: the DE is known by 2020 headcounts only, none in the
  Vosges; the answer names the nearest of those establishments with their distance.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_answers25"
SIO_FIRST = "32032612"
SIO_A = "32032613"
STI2D_SIN = "43020006"
CAP_MACON = "50023224"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_a_bts_option_is_prepared_where_its_common_first_year_is_listed(
    client: TestClient,
) -> None:
    answer = ask(
        client, **{"from": STI2D_SIN, "to": SIO_A, "home": "Saint-Lô", "departements": "50"}
    )
    assert answer["pathways"], answer
    assert not answer["files_cannot_tell"]
    step = answer["pathways"][0]["steps"][-1]
    chosen = next(o for o in step["offers"] if o["chosen"])
    assert (chosen["commune"], chosen["year"], chosen["status"]) == ("Avranches", 2024, "renewed")
    said = " ".join(answer["pathways"][0]["score"]["explanation"])
    assert "les fichiers publics de 2024 y listent sa 1re année commune" in said, said
    assert "ne décrivent ni ses centres de formation habituels" not in " ".join(sentences(answer))
    assert_plain_french(sentences(answer))


def test_the_common_first_year_comes_first_in_the_search(client: TestClient) -> None:
    found = client.get("/diplomas/search", params={"q": "bts sio"}).json()["items"]
    assert found[0]["code"] == SIO_FIRST, [i["code"] for i in found]


def test_a_diploma_named_after_the_job_is_a_way_to_it(client: TestClient) -> None:
    answer = ask(
        client,
        from_level=2,
        job="F1703",
        home="La Roche-sur-Yon",
        departements="85",
    )
    ends = [p["steps"][-1]["code"] for p in answer["pathways"]]
    assert CAP_MACON in ends, answer
    notices = " ".join(answer["notices"])
    assert "CAP maçon" in notices and "porte" in notices and "métier ROME F1701" in notices
    macon = next(p for p in answer["pathways"] if p["steps"][-1]["code"] == CAP_MACON)
    said = " ".join(macon["score"]["explanation"])
    assert "porte le nom du métier visé" in said, said
    assert "prépare au métier ROME F1703" not in said, said
    assert_plain_french(sentences(answer))


def test_the_nearest_establishments_of_old_headcounts_are_named(client: TestClient) -> None:
    answer = ask(client, from_level=3, job="J1501", home="Épinal", departements="88")
    notice = answer["notices"][0]
    assert "effectifs de 2020 du diplôme qu'il a remplacé" in notice, notice
    # the Vendée's lycée of the 2020 constat has no position: not said the nearest
    assert notice.endswith(
        "dans 2 établissements en France, sans dire s'il y est encore préparé : à vérifier "
        "auprès des centres de formation. Le plus proche de ces établissements (effectifs de "
        "2020) : Lycée Saint Charles (Chalon-sur-Saône, Saône-et-Loire), à 195 km à vol "
        "d'oiseau du domicile."
    ), notice
    assert_plain_french(sentences(answer))
