"""Answers across France on the national files, on each real engine: the fixture
(tests/fixtures/opendata_answers16, its make_fixture.py says what it keeps) is a cut of the
Côte-d'Or (21) with the national table of documented continuations.

- A known job's name (« vendangeur », A1401, which no diploma trains for) listed the diplomas
  of a word spelt close to it (« vendeur »): the search says the job is known and that no
  diploma of the data prepares for it.
- Niveau 4 → niveau 6 toward the job M1805 (développeur web) in the 21: no pathway, and nothing
  said of the link job → diploma (Certif Info's) nor of the BUT informatique of the IUT de
  Dijon, of the same field, which no file ties to M1805.
- The notice of closed diplomas left out of a level start counted the whole country.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_answers16"


client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def _search(client: TestClient, q: str) -> dict[str, Any]:
    r = client.get("/v1/diplomas/search", params={"q": q})
    assert r.status_code == 200, r.text
    found: dict[str, Any] = r.json()
    return found


def test_a_job_name_is_not_answered_by_a_word_spelt_close(client: TestClient) -> None:
    found = _search(client, "vendangeur")
    # nor proposed as close names: they are another word's diplomas
    assert found["count"] == 0 and found["suggestions"] == [], found
    assert found["hint"] == (
        "Métier connu (A1401 — Vendangeur / Vendangeuse) mais aucune formation des données "
        "n'y prépare."
    )
    # the diplomas of « vendeur » are still found by their word, and a typo still finds
    vendeur = _search(client, "vendeur")
    assert "50031217" in [d["code"] for d in vendeur["items"]], vendeur
    typo = _search(client, "informatiqe")
    assert typo["count"], typo


CERTIF_INFO = (
    "Le lien entre un métier et les diplômes qui y préparent vient des fiches Certif Info des "
    "diplômes, telles que les données importées les connaissent."
)


def test_a_job_without_pathway_says_where_its_link_comes_from(client: TestClient) -> None:
    got = ask(client, from_level=4, to_level=6, job="M1805", departements="21")
    assert got["count"] == 0 and got["pathways"] == [], got
    reason = got["reason"]
    assert reason.startswith("Aucune passerelle connue ne mène du niveau 4"), reason
    # the BUT informatique of Dijon (NSF 326, the field of the BTS SIO and the licence pro the
    # records tie to M1805) is named to be checked, never as a diploma that prepares for it
    assert reason.endswith(
        f"{CERTIF_INFO} Dans le département de la Côte-d'Or (21), des formations du même "
        "domaine (« Informatique, traitement de l'information, réseaux ») existent, que "
        "ces fiches ne rattachent pas au métier ROME M1805 (Développeur / Développeuse web) : "
        "BUT – Informatique (I.U.T. de Dijon) ; à vérifier auprès des établissements, ce n'est "
        "pas une réponse des données."
    ), reason
    # a goal level above the BUT's: where the link comes from is said, no programme named
    got = ask(client, from_level=4, to_level=7, job="M1805", departements="21")
    assert got["reason"].endswith(f"en 4 étapes au plus. {CERTIF_INFO}"), got["reason"]


CLOSED = "Départ de niveau 4 : "


def _closed_notices(got: dict[str, Any]) -> list[str]:
    return [n for n in got["notices"] if n.startswith(CLOSED) and "fermé" in n]


def test_closed_starts_left_out_are_said_for_the_territory(client: TestClient) -> None:
    # the whole country: the Bac pro MELEC closed in 2025, whose successor starts a pathway
    (everywhere,) = _closed_notices(ask(client, from_level=4, to_level=5))
    assert everywhere.startswith(
        f"{CLOSED}1 diplôme fermé laissé de côté, remplacé par un diplôme actuel dont partent "
        "les mêmes passerelles (Bac pro métiers de l'électricité et de ses environnements "
        "connectés (remplacé par sa version rénovée, de même nom))"
    ), everywhere
    # the Côte-d'Or: said as offered there (its files show it, 2020-2022)
    (here,) = _closed_notices(ask(client, from_level=4, to_level=5, departements="21"))
    assert here.startswith(
        f"{CLOSED}1 diplôme fermé, que les fichiers montrent proposé dans le département de la "
        "Côte-d'Or (21), laissé de côté, remplacé par"
    ), here
    # no pathway starts from a successor: nothing said (« 357 diplômes fermés » was, in any
    # département, whatever the answer)
    assert _closed_notices(ask(client, from_level=4, job="M1805", departements="21")) == []
