"""The accents Parcoursup and the CFA list leave out of names, put back on the evidence of the
files that write them (graph/ingest/opendata/accents.py), on rows of the national files
(``tests/fixtures/opendata_accents25/``: make_fixture.py says which rows):

- « Lycee Gabriel Faure » (Annonay, Parcoursup only) is « Lycée Gabriel Fauré »: the Annuaire
  writes « Gabriel Fauré » (another lycée, in Foix) and never « Gabriel Faure »;
- « Lycee Felix Faure » (Beauvais) keeps its « Faure »: no file writes « Felix Fauré »
  (« Faure » is a surname too);
- « Lycee Pierre Mendes France » (Vitrolles) is « … Pierre Mendès France »;
- the CFA list's « DES METIERS DU SPECTACLE » reads « des Métiers du Spectacle » (the Annuaire's
  « des métiers »).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_accents25"

client = imported_client_fixture(FIXTURE, national_table=True)


def name(client: TestClient, uai: str) -> Any:
    r = client.get(f"/actors/{uai}")
    assert r.status_code == 200, r.text
    return r.json()["name"]


def test_a_word_gets_its_accents_where_the_files_write_it_beside_the_same_word(
    client: TestClient,
) -> None:
    assert name(client, "0070029U") == "Lycée Gabriel Fauré"
    assert name(client, "0133015G") == "Lycée Pierre Mendès France"
    cfa = name(client, "0134105S")
    assert "des Métiers du Spectacle" in cfa, cfa


def test_a_word_the_files_never_write_so_beside_it_keeps_its_letters(
    client: TestClient,
) -> None:
    # « Faure » is a surname as well as « Fauré »: only « Gabriel » is read with « Fauré »
    assert name(client, "0600001A") == "Lycée Felix Faure"
    # a name the Annuaire gives is shown as it gives it
    assert name(client, "0650038N") == "Lycée général Pierre Mendès France"
