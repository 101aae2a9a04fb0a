"""An establishment found by its name written with or without the spaces and apostrophes
between its words, on each real engine: « Lafayette » found nothing while « la fayette » found
the Lycée La Fayette of Clermont-Ferrand (national fixture ``opendata_jobhonest``, its
Parcoursup row « Lycee La Fayette », 0630021F)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_jobhonest"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def _uais(client: TestClient, q: str) -> set[str]:
    r = client.get("/v1/actors", params={"q": q, "limit": 200})
    assert r.status_code == 200, r.text
    return {a["uai"] for a in r.json()["items"]}


def test_a_name_is_found_with_or_without_the_spaces_between_its_words(
    client: TestClient,
) -> None:
    assert "0630021F" in _uais(client, "la fayette")
    for q in ("Lafayette", "LAFAYETTE", "lycée lafayette", "l'afayette"):
        assert "0630021F" in _uais(client, q), q
    assert "0630021F" not in _uais(client, "lafayettes")


def test_letters_joined_across_words_from_inside_a_word_find_nothing(client: TestClient) -> None:
    """tester25: « isen » listed 13 « Centre de formation d'apprentis ENAC… » (« …apprentIS
    ENac… ») before the 5 ISEN. The joined name is searched from the start of one of its
    words: « eelafa » (« lycEE LA FAyette ») is no way to write the Lycée La Fayette."""
    assert "0630021F" not in _uais(client, "eelafa")
    assert "0630021F" in _uais(client, "lafay")  # from the start of « la »
