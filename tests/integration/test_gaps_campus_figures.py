"""A campus's recruitment figures in the gap reports of other territories, on a real database
of each engine (tester24): the hand-built campus of tests/fixtures/seeds_gaps (Aveyron and Lot,
région 76), with Albi (Tarn, région 76 too, outside the campus) teaching its welders'
diploma, and a demand figure for a field nothing ties to a programme."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import StoreMaker, make_settings

GAP_SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds_gaps"
MORE = """
[[sectors]]
id = "divers"
name = "Divers production"
kind = "job_family"
source = "test fixture"

[[offers]]
actor = "lycee-albi"
diploma = "BP-SOU"
modality = "school"
capacity = 200
source = "test fixture albi"

[[demand]]
sector = "divers"
period = "2015-11"
count = 39
source = "test fixture demand"
"""


@pytest.fixture(scope="module")
def client(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    seeds = tmp_path_factory.mktemp("seeds")
    shutil.copytree(GAP_SEEDS, seeds, dirs_exist_ok=True)
    gaps = seeds / "gaps.toml"
    gaps.write_text(gaps.read_text(encoding="utf-8") + MORE, encoding="utf-8")
    store = session_stores()  # closed at the end of the session
    load_seeds(store, load_seed_dir(seeds))
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("x")), store=store)) as c:
        yield c


def _demand(client: TestClient, **params: str) -> dict[str, dict[str, Any]]:
    r = client.get("/gaps", params=params)
    assert r.status_code == 200, r.text
    (section,) = [s for s in r.json()["sections"] if s["id"] == "unmet_demand"]
    return {f["id"]: f for f in section["findings"]}


def test_a_campus_figure_counts_the_training_of_its_part_of_the_territory(
    client: TestClient,
) -> None:
    """50 welders recorded by the campus (Aveyron and Lot): the report of the Aveyron and the
    Tarn weighed them against Albi's 200 places too (« besoin couvert »), without naming the
    campus."""
    region = _demand(client, departements="12,81")["demand:soudeurs"]
    assert (region["data"]["capacity"], region["data"]["gap"]) == (12, 38), region
    assert region["why"].startswith(
        "50 recrutements recensés (2015-11) par le Manques sur son territoire ("
    ), region["why"]
    assert (
        "dans la partie du territoire qu'il couvre (le département de l'Aveyron (12)) : "
        in (region["why"])
    )
    assert region["why"].endswith("12 places de formation connues (écart : 38)."), region["why"]
    assert "lycee-albi" not in {n["key"] for n in region["nodes"]}
    # the campus's own report: the offers its files list (Albi's too), as before
    own = _demand(client, campus="gapcamp")["demand:soudeurs"]
    assert own["why"].startswith(
        "50 recrutements recensés (2015-11) pour 212 places de formation connues sur le "
        "territoire : besoin couvert"
    ), own["why"]


def test_a_figure_of_a_field_without_code_never_says_no_training(client: TestClient) -> None:
    for params in ({"departements": "12,81"}, {"departements": "12,46"}, {"campus": "gapcamp"}):
        why = _demand(client, **params)["demand:divers"]["why"]
        assert "39 recrutements recensés (2015-11)" in why, why
        assert "aucune formation locale" not in why and "aucune formation des" not in why, why
        assert why.endswith("la formation locale qui y prépare n'est pas connue, à vérifier."), why
