"""Agricultural questions where the public files list no agricultural Bac pro, on each real
engine, over the Cantal and the Lot cut from the national files
(``tests/fixtures/opendata_agri/``): the Affelnet files list the Cantal's agricultural
establishments (the ENILV Georges Pompidou at Aurillac, the MFR de Saint-Flour) with their 2de
professionnelle agricole and their BTSA, never with an agricultural Bac pro, and the answer
said « aucune offre de Bac pro conduite et gestion de l'entreprise agricole dans le département
du Cantal (15) » as a fact of the Cantal (graph/pathways/agricultural.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, SEEDS, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_agri"
CGEA = "40321004"  # Bac pro conduite et gestion de l'entreprise agricole
SAID = "Les fichiers publics importés ne listent aucun Bac pro agricole"

client = imported_client_fixture(FIXTURE, seeds=SEEDS, as_of=FIXED_DAY)


def _agricultural(got: dict[str, Any]) -> list[str]:
    return [n for n in got["notices"] if n.startswith(SAID)]


def test_a_cgea_goal_in_the_cantal_says_the_files_may_miss_its_lycees(
    client: TestClient,
) -> None:
    got = ask(client, from_level=2, to=CGEA, departements="15")
    [said] = _agricultural(got)
    assert said.startswith(f"{SAID} dans le département du Cantal (15), seulement la 2de "), said
    assert "« Productions »" in said, said
    assert "ENILV Georges Pompidou" in said and "MFR de Saint-Flour" in said, said
    assert said.endswith(
        "Ces fichiers peuvent omettre les formations propres d'un lycée agricole : à vérifier "
        "auprès de l'établissement ou de l'enseignement agricole public."
    ), said
    assert_plain_french([said])


def test_an_agricultural_field_from_the_end_of_3e_says_it_too(client: TestClient) -> None:
    got = ask(client, from_level=2, sector="nsf-210", to_level=4, departements="15")
    assert len(_agricultural(got)) == 1, got["notices"]


def test_where_the_files_list_the_cgea_nothing_is_said(client: TestClient) -> None:
    """The Lot: the files list the Bac pro CGEA of its lycées agricoles."""
    got = ask(client, from_level=2, to=CGEA, departements="46")
    assert got["pathways"], got
    assert not _agricultural(got), got["notices"]


def test_another_field_in_the_cantal_says_nothing_of_it(client: TestClient) -> None:
    got = ask(client, from_level=2, to_level=4, departements="15")
    assert not _agricultural(got), got["notices"]
    got = ask(client, from_level=2, sector="nsf-250", to_level=4, departements="15")
    assert not _agricultural(got), got["notices"]
