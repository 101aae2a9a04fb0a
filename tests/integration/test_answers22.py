"""Answers a national review found wrong after a BTS NDRC (32031212) from Bordeaux, on rows of
the national files (``tests/fixtures/opendata_answers22/``, make_fixture.py says which):

- an « admission parallèle » step into a BUT led to the BUT's first-year Parcoursup offer
  without saying that a BTS holder enters in 2nd year (graph/pathways/explanation.py
  ``parallel_entry``);
- a licence pro linked by the NSF domain alone (31x « Échanges et gestion »: a maritime
  transport licence at Marseille, an insurance licence at Cergy) was proposed 507 km away:
  a continuation into a licence pro now needs the same NSF group (graph/inference/rules.py,
  graph/inference/admission_parallele.py).
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_answers22"
NDRC = "32031212"  # BTS négociation et digitalisation de la relation client, NSF 312

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_an_admission_parallele_into_a_but_says_the_year_of_entry(client: TestClient) -> None:
    answer = ask(client, **{"from": NDRC, "to_level": 6, "departements": "033", "home": "Bordeaux"})
    steps = [
        st
        for p in answer["pathways"]
        for st in p["steps"][1:]
        if st["passerelle"]["kind"] == "admission_parallele" and st["type"] == "but"
    ]
    assert steps, answer
    for st in steps:
        said = st["passerelle"]["description"]
        assert "en 2e année du BUT" in said, said
        assert "celle de la 1re année" in said and "Parcoursup" in said, said
        assert "l'établissement décide de l'année d'entrée" in said, said
    explained = " ".join(s for p in answer["pathways"] for s in p["score"]["explanation"])
    assert "en 2e année du BUT" in explained
    assert_plain_french(sentences(answer))


def test_a_licence_pro_of_the_same_domain_only_is_not_proposed_far_away(
    client: TestClient,
) -> None:
    answer = ask(client, **{"from": NDRC, "to_type": "licence_pro", "home": "Bordeaux"})
    reached = [p["steps"][-1]["name"] for p in answer["pathways"]]
    assert not any("transport maritime" in n for n in reached), reached
    assert not any("assurance, banque, finance" in n for n in reached), reached
    for p in answer["pathways"]:
        for st in p["steps"][1:]:
            offers = [o for o in st["offers"] if o["chosen"]]
            assert all((o["distance_km"] or 0) < 150 for o in offers), st


def test_the_diploma_page_lists_no_licence_pro_of_the_domain_alone(client: TestClient) -> None:
    r = client.get(f"/diplomas/{NDRC}")
    assert r.status_code == 200, r.text
    after = {d["code"]: d for d in r.json()["next"]}
    assert any(d["type"] == "but" for d in after.values()), after  # the BUT of its group stay
    assert not [d for d in after.values() if d["type"] == "licence_pro"], after
