"""The fields (NSF groups) of the Parcoursup extract's BUT, on each real engine, over the fixture
cut from the national files (tests/fixtures/opendata_national): a BUT whose label names its
parcours takes that parcours' group from the BCN; a speciality whose parcours the BCN classes
apart (BUT GEII: 201, 250, 326) carries them all, and the inferred legs reach it (a national
review found half of the BUTs without a field, so that no BTS nor bac techno led to them).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest.opendata import run_import
from tests.conftest import StoreMaker, make_settings

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_national"
MAX = 0.25  # the fixture keeps every rejected row of the country among few others
AS_OF = date(2026, 12, 5)
ELECTROTECHNIQUE = "32025520"  # BTS électrotechnique, NSF 255


@pytest.fixture(scope="module")
def client(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    store = session_stores()
    run_import(store, FIX, max_rejected=MAX, as_of=AS_OF)
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=store)
    with TestClient(app) as c:
        yield c


def _buts(client: TestClient) -> dict[str, dict[str, Any]]:
    page = client.get("/v1/diplomas", params={"type": "but", "limit": 200}).json()
    return {d["name"]: d for d in page["items"]}


def test_a_but_takes_the_fields_of_its_parcours_from_the_bcn(client: TestClient) -> None:
    buts = _buts(client)
    geii = buts["BUT – Génie électrique et informatique industrielle"]
    assert geii["nsf"] is None and geii["nsf_groups"] == ["201", "250", "326"]
    civil = buts["BUT – Génie civil – Construction durable"]
    assert civil["nsf"] is None and civil["nsf_groups"] == ["227", "230"]
    # the label names the parcours: its own group (BCN 25133501, 25132002)
    animation = buts["BUT – Carrières sociales Parcours animation sociale et socioculturelle"]
    assert animation["nsf"] == "335" and animation["nsf_groups"] == []
    assert buts["BUT – Information communication Parcours publicite"]["nsf"] == "320"
    assert buts["BUT – Informatique"]["nsf"] == "326"  # every parcours in one group


def test_a_bts_reaches_the_but_whose_parcours_are_of_its_field(client: TestClient) -> None:
    """BTS électrotechnique (255) → BUT GEII, whose parcours « électricité et maîtrise de
    l'énergie » the BCN classes in 250, the « plusieurs spécialités » group of domain 25."""
    geii = _buts(client)["BUT – Génie électrique et informatique industrielle"]
    answer = client.get(
        "/v1/pathways", params={"from": ELECTROTECHNIQUE, "to": geii["code"], "max_steps": 1}
    ).json()
    assert answer["count"] >= 1, answer.get("reason")
    text = " ".join(answer["pathways"][0]["score"]["explanation"])
    # the field by its name, never its code (graph/evidence_words.py)
    assert "« Mécanique et électricité (plusieurs technologies) »" in text, text
    assert "NSF 250" not in text
