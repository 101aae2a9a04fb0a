"""A 2nde professionnelle asked as a pathway start (tester, session 19): a course year, no
diploma; no inferred leg starts at it (graph/inference/rules.py), the answer says so first.
Over the Ille-et-Vilaine fixture cut from the national files (tests/fixtures/opendata_honest3/)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, SEEDS, ask, imported_client_fixture

ROOT = Path(__file__).resolve().parents[2]
client = imported_client_fixture(
    ROOT / "tests" / "fixtures" / "opendata_honest3", seeds=SEEDS, as_of=FIXED_DAY
)
MTNE_2NDE = "40020008"  # METIERS DES TRANSITIONS NUMERIQUE ET ENERGETIQUE 2NDE COMMUNE


def test_a_common_2nde_start_is_said_a_course_year_and_leads_to_no_bts(
    client: TestClient,
) -> None:
    answer = ask(client, **{"from": MTNE_2NDE, "to_level": "5", "departements": "35"})
    assert answer["notices"][0].startswith(
        "La 2de commune « Métiers des transitions numérique et énergétique » n'est pas un "
        "diplôme : c'est la 1re année des Bac pro de cette famille de métiers."
    ), answer["notices"]
    for p in answer["pathways"]:
        first = p["steps"][1]
        # before: the 2nde led straight to a BTS by the inferred rule Bac pro → BTS
        assert first["type"] != "bts", p["steps"]
    assert MTNE_2NDE not in " ".join(answer["notices"])
