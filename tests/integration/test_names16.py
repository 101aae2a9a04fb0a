"""The names a counsellor reads on the national files, on each real engine, over a cut of them
(``tests/fixtures/opendata_names16/``: the Vosges, three Parcoursup establishments of the
Hauts-de-France).

- One town, one name: the CFA list writes « Epinal » where the commune reference says
  « Épinal »; the Carte grouped « Épinal (8) » apart from « Epinal » and the CFA's record said
  « Epinal ». The commune reference's name is shown wherever the INSEE code is known
  (graph/communes.py ``official_name``).
- Names all in capitals from Parcoursup (« ICL   ESTICE », « IUT LITTORAL (DUNKERQUE) »,
  « GAMBETTA CARNOT ») are read by the CFA names' casing rule (graph/ingest/opendata/
  cfa_names.py ``readable_capitals``): acronyms kept, no letter or accent added.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_names16"
EPINAL = "88160"

client = imported_client_fixture(FIXTURE, national_table=True)


def get(client: TestClient, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_town_has_one_name_whatever_file_names_it(client: TestClient) -> None:
    cfa = get(client, "/actors/0881104X")
    assert cfa["commune"] == "Épinal", cfa["commune"]
    actors = get(client, "/actors", departement="88", limit=200)["items"]
    in_epinal = {a["commune"] for a in actors if a.get("insee") == EPINAL}
    assert in_epinal == {"Épinal"}, in_epinal
    assert len([a for a in actors if a.get("insee") == EPINAL]) > 1  # several files name it
    sites = get(client, "/sites", departement="88", limit=200)["items"]
    assert [s["name"] for s in sites if s["insee"] == EPINAL] == ["Épinal"]
    # the map groups establishments by the commune it names
    r = client.get("/map.geojson", params={"departements": "88"})
    assert r.status_code == 200, r.text
    body = r.content
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    features = json.loads(body)["features"]
    labels = {f["properties"].get("commune") for f in features}
    assert "Épinal" in labels and "Epinal" not in labels, labels


@pytest.mark.parametrize(
    ("uai", "name"),
    [
        ("0592608P", "ICL Estice"),
        ("0594365Z", "IUT Littoral (Dunkerque)"),
        ("0624430D", "Gambetta Carnot"),
    ],
)
def test_a_name_all_in_capitals_is_read_as_written(client: TestClient, uai: str, name: str) -> None:
    assert get(client, f"/actors/{uai}")["name"] == name
