"""Diploma search, tester findings of the eighteenth session, on each engine (the cut of four
régions of tests/integration/test_search17.py): a misspelt word finds the forms of one stem of
the word it is close to (graph/diploma_search.py ``_stem_mates``)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_search17"
CAP_BOULANGER = "50022137"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def _codes(client: TestClient, q: str) -> list[str]:
    r = client.get("/diplomas/search", params={"q": q, "limit": 30})
    assert r.status_code == 200, r.text
    return [i["code"] for i in r.json()["items"]]


def test_a_misspelt_word_finds_the_diplomas_of_its_stem(client: TestClient) -> None:
    """« boulengerie » is close to « boulangerie » (91) but not to « boulanger » (80): it found
    the certificats de spécialisation « … boulangerie » and not the CAP boulanger; the
    well-spelt « boulangerie » finds both."""
    assert CAP_BOULANGER in _codes(client, "boulangerie")
    assert CAP_BOULANGER in _codes(client, "boulengerie")
