"""A fact only a campus's own data gives (boarding places) ranks establishments inside that
campus's territory only (graph/pathways/campus_facts.py), on each real engine.

Tester19 (national files, Bastia): a CS soudage was placed at Decazeville, 616 km away,
« distance atténuée : 150 places d'internat », rather than at Manosque, 323 km away: the three
establishments of France with known boarding places are the Mecanic Vallée campus's. Here a
hand-built campus: a lycée with 150 boarding places at Decazeville, another at Albi without
any; from Montpellier Albi is nearer (142 km against 166), and the boarding places made the
far one win (30 + 136 x 2.5 x 0.5 = 200 effective km against 30 + 112 x 2.5 = 310).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import StoreMaker, ask, make_settings

SEED = """
[campus]
id = "internat"
name = "Campus test internat"
short_name = "Internat"
departements = ["012", "081"]
industry = "Mécanique"
source = "test fixture"

[[sites]]
insee = "12089"
name = "Decazeville"
departement = "012"
lat = 44.5597
lon = 2.2506
source = "test fixture"

[[sites]]
insee = "81004"
name = "Albi"
departement = "081"
lat = 43.9289
lon = 2.1464
source = "test fixture"

[[actors]]
id = "lycee-internat"
name = "Lycée Internat"
kind = "lycee"
site = "12089"
campus_role = "membre"
boarding_places = 150
source = "test fixture"

[[actors]]
id = "lycee-externat"
name = "Lycée Externat"
kind = "lycee"
site = "81004"
campus_role = "membre"
source = "test fixture"

[[diplomas]]
code = "50099901"
name = "CAP essai"
type = "cap"
level = 3
nsf = "254"
source = "test fixture"

[[diplomas]]
code = "40099901"
name = "Bac pro essai"
type = "bac_pro"
level = 4
nsf = "254"
source = "test fixture"

[[offers]]
actor = "lycee-internat"
diploma = "40099901"
modality = "school"
capacity = 30
source = "test fixture"

[[offers]]
actor = "lycee-externat"
diploma = "40099901"
modality = "school"
source = "test fixture"

[[passerelles]]
id = "p-cap-bac"
kind = "continuation"
from = ["50099901"]
to = ["40099901"]
source = "test fixture"
"""

MONTPELLIER = "34172"


@pytest.fixture(scope="module", name="client")
def client_fixture(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("seeds-internat")
    (folder / "internat.toml").write_text(SEED, encoding="utf-8")
    store = session_stores()
    load_seeds(store, load_seed_dir(folder))
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=store)
    with TestClient(app) as c:
        yield c


def _step(client: TestClient, **territory: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    got = ask(client, **{"from": "50099901", "to": "40099901", "home": MONTPELLIER, **territory})
    assert got["pathways"], got["reason"]
    p = got["pathways"][0]
    step = p["steps"][1]
    chosen = next(o for o in step["offers"] if o.get("chosen"))
    return p, chosen


def test_boarding_places_do_not_rank_outside_the_campus_territory(client: TestClient) -> None:
    p, chosen = _step(client)  # no territory: the whole country is compared
    assert chosen["actor_name"] == "Lycée Externat", chosen
    # still shown as information on the other offer
    other = next(o for o in p["steps"][1]["offers"] if o["actor_name"] == "Lycée Internat")
    assert other["boarding_places"] == 150, other
    said = " ".join(p["score"]["explanation"])
    assert "distance atténuée" not in said, said
    # a capacity only the campus's file gives does not count either
    assert p["score"]["components"]["known_capacity"] == 0.0, p["score"]
    # a territory of départements is not the campus's: the same
    _, chosen = _step(client, departements="12,81")
    assert chosen["actor_name"] == "Lycée Externat", chosen


def test_boarding_places_rank_inside_the_campus_territory(client: TestClient) -> None:
    p, chosen = _step(client, campus="internat")
    assert chosen["actor_name"] == "Lycée Internat", chosen
    said = " ".join(p["score"]["explanation"])
    assert "distance atténuée : 150 places d'internat" in said, said
    assert p["score"]["components"]["known_capacity"] == 1.0, p["score"]


def test_boarding_places_chosen_outside_are_information_only(client: TestClient) -> None:
    """Where the campus's establishment is the only one compared (the other is not offered
    there), its boarding places are said, and said not to rank."""
    asked = {"from": "50099901", "to": "40099901", "home": MONTPELLIER, "departements": "12"}
    got = ask(client, **asked)
    step = got["pathways"][0]["steps"][1]
    said = " ".join(got["pathways"][0]["score"]["explanation"])
    assert step["offers"][0]["actor_name"] == "Lycée Internat", step
    assert "150 places d'internat selon les données du campus" in said, said
    assert "distance atténuée" not in said, said
