"""Refused request fields say, in French, why: a wrong département code, an unknown région, a
value outside a closed list (each accepted value named with what it means)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

PATHS = ["/pathways?from=40025005&to_level=6", "/gaps?", "/map.geojson?"]


@pytest.mark.parametrize("code", ["999", "20", "2C"])
@pytest.mark.parametrize("path", PATHS)
def test_a_wrong_departement_code_is_named_as_such(
    mini_client: TestClient, path: str, code: str
) -> None:
    r = mini_client.get(f"{path}&departements=12,{code}")
    assert 400 <= r.status_code < 500, r.text
    detail = r.json()["detail"]
    assert f"« {code} » n'est pas un code de département" in detail, detail
    assert "au plus 20" not in detail


def test_too_many_departements_is_still_said(mini_client: TestClient) -> None:
    many = ",".join(str(n) for n in range(10, 40) if n != 20)
    detail = mini_client.get(f"/pathways?from=40025005&to_level=6&departements={many}").json()
    assert "au plus 20 codes" in detail["detail"]


@pytest.mark.parametrize("path", ["/pathways?from=40025005&to_level=6", "/gaps?"])
def test_an_unknown_region_is_a_422_naming_the_valid_ones(
    mini_client: TestClient, path: str
) -> None:
    r = mini_client.get(f"{path}&region=99")
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert "code de région inconnu" in detail and "76 (Occitanie)" in detail, detail
    assert "94 (Corse)" in detail
    assert mini_client.get(f"{path}&region=76").status_code == 200


def test_an_unknown_modality_names_the_accepted_values_in_french(
    mini_client: TestClient,
) -> None:
    # « alternance », the everyday word, is apprenticeship (graph/modality_words.py)
    r = mini_client.get("/pathways?from=40025005&to_level=6&modality=soir")
    assert r.status_code == 422
    detail = r.json()["detail"]
    # the French words a person types, not only the API's English values (they are accepted)
    assert detail == (
        "Paramètres refusés — modality : valeur inconnue (valeurs acceptées : « scolaire », "
        "« apprentissage » (ou « alternance »), « formation continue » ou « toutes »)"
    ), detail
    for word in ("scolaire", "alternance", "formation continue", "toutes"):
        got = mini_client.get(f"/pathways?from=40025005&to_level=6&modality={word}")
        assert got.status_code == 200, (word, got.text)


def test_an_unknown_map_kind_is_one_error_listing_actors_and_platforms(
    mini_client: TestClient,
) -> None:
    r = mini_client.get("/map.geojson?kind=lycees")
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "str-enum" not in detail and "[" not in detail, detail
    assert detail.count("valeur inconnue") == 1, detail
    assert "« lycee » (lycée)" in detail and "« fablab » (fab lab)" in detail, detail
    assert detail.startswith("Paramètres refusés — kind : "), detail
