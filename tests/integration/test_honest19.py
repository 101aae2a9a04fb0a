"""Answers tester19 found wrong on the national files (counsellor questions), on each real
engine, over the cut of the Côte-d'Or and elsewhere in tests/fixtures/opendata_answers16.

- A BTS holder asking for an engineering school got « no pathway » in every région, the
  reason citing programmes entered after the bac as examples (« Formation d'ingénieur Bac + 5
  – Bac STI2D — ENIM Metz »), no word that the admissions after a Bac+2 (admissions
  parallèles, prépa ATS) are in no file, and the page suggested a wider territory.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_answers16"
client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_a_bac2_start_to_an_engineering_school_says_the_files_cannot_tell(
    client: TestClient,
) -> None:
    got = ask(client, from_level=5, to_type="ingenieur", departements="21")
    assert not got["pathways"], got["pathways"]
    assert got["files_cannot_tell"] is True, got
    said = " ".join([*got["notices"], got["reason"] or ""])
    assert "admissions parallèles, prépa ATS" in said, said
    # no programme entered after the bac given as an example of the way after a BTS
    assert "par exemple" not in (got["reason"] or ""), got["reason"]
    assert "Bac + 5" not in said, said


def test_a_bac_start_keeps_its_examples_and_may_widen(client: TestClient) -> None:
    """From the bac, the same goal is one the files know (Parcoursup): the answer is not said
    unknowable, and the warning on the entries after a Bac+2 is still said."""
    got = ask(client, from_level=4, to_type="ingenieur", departements="21")
    assert got["files_cannot_tell"] is False, got
    said = " ".join([*got["notices"], got["reason"] or ""])
    assert "Écoles d'ingénieurs : les données ne connaissent que" in said, said


def test_a_bac2_start_to_a_licence_pro_says_the_files_cannot_tell(client: TestClient) -> None:
    got = ask(client, from_level=5, to_type="licence_pro", departements="21")
    if got["pathways"]:  # a campus or national-table passerelle the files do know
        assert got["files_cannot_tell"] is False
    else:
        assert got["files_cannot_tell"] is True, got
    said = " ".join([*got["notices"], got["reason"] or ""])
    assert "Aux niveaux Bac+3 et Bac+5" in said, said
