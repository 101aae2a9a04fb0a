"""Tester findings of the eighteenth session about diplomas' identity, on each engine.

Over a cut of the national files (``tests/fixtures/opendata_diplomas18/``: the Parcoursup
diplômes d'État of the Bouches-du-Rhône, the certificats de spécialisation of the Cantal):

- a Parcoursup « D.E » programme is the BCN's diplôme d'État of the same profession
  (graph/ingest/opendata/postbac.py ``state_diploma_codes``): « D.E Infirmier » was a programme
  of its own (``PS-OTHER-…``), and the diploma 26033101 that the job J1506 requires had no offer;
- a certificat de spécialisation (BCN natures 461, 561, 463, 563) is named so, not « mention
  complémentaire » (graph/labels.py ``type_fr``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_diplomas18"
NURSE = "26033101"
CROIX_ROUGE_MARSEILLE = "0132940A"
IRTS = "0130202Z"  # IRTS PACA Corse: éducateur spécialisé, assistant de service social…
MANIPULATEURS = "0132972K"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def get(client: TestClient, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_parcoursup_nursing_programme_is_the_state_diploma(client: TestClient) -> None:
    """« D.E Infirmier » at the IFSI Croix-Rouge of Marseille is 26033101 « INFIRMIER OU
    INFIRMIERE (DIPLOME D'ETAT) », named as Certif Info names it."""
    offers = get(client, f"/actors/{CROIX_ROUGE_MARSEILLE}")["offers"]
    assert [(o["diploma"], o["level"]) for o in offers] == [(NURSE, 6)], offers
    assert offers[0]["name"] == "Diplôme d'État d'infirmier(ière)", offers
    nurse = get(client, f"/diplomas/{NURSE}")
    ifsi = {o["actor"] for o in nurse["offers"]}
    assert len(ifsi) >= 12, ifsi  # the IFSI of the département, each once
    found = get(client, "/diplomas/search", q="infirmier")["items"]
    assert found[0]["code"] == NURSE and found[0]["offers"] >= 12, found


def test_the_social_work_state_diplomas_are_offered(client: TestClient) -> None:
    """The IRTS listed « D.E Educateur Specialise »: 26033202, not its closed predecessor."""
    codes = {o["diploma"] for o in get(client, f"/actors/{IRTS}")["offers"]}
    assert "26033202" in codes and "36033206" not in codes, codes
    found = get(client, "/diplomas/search", q="educateur specialise")["items"]
    assert found[0]["code"] == "26033202" and found[0]["offers"] >= 1, found


def test_a_profession_the_diploma_names_otherwise_stays_apart(client: TestClient) -> None:
    """« manipulateur/trice en electroradiologie » is not matched to 26033105 « MANIPULATEUR
    D'ELECTRORADIOLOGIE MEDICALE »: the names differ (« en », « d' »); no guess."""
    codes = {o["diploma"] for o in get(client, f"/actors/{MANIPULATEURS}")["offers"]}
    assert "26033105" not in codes, codes


def test_a_certificat_de_specialisation_is_named_so(client: TestClient) -> None:
    """The Cantal's CS3 and CS4 were « mention complémentaire » in the coverage."""
    rows = get(client, "/coverage", departements="15")["rows"]
    mc = [r for r in rows if r["type"] == "mc"]
    assert mc and {r["type_label"] for r in mc} == {"certificat de spécialisation"}, mc
