"""The GeoJSON endpoints' OpenAPI document names every field of a Feature's ``properties``
(api/geojson_schemas.py), and real answers match it: no field undocumented, none missing."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from pydantic import BaseModel

from api.geojson_schemas import (
    HomeProperties,
    LegProperties,
    MapFeatureCollection,
    MapPlaceProperties,
    PathwaysCollectionProperties,
    PathwaysFeatureCollection,
    StepProperties,
)

PATHWAYS = {"from": "40025014", "to_level": "7", "departements": "12,46", "home": "46102"}


def _component(spec: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    name = ref["$ref"].rsplit("/", 1)[1]
    return dict(spec["components"]["schemas"][name])


def test_the_document_names_the_properties_of_map_and_pathway_features(
    seed_client: TestClient,
) -> None:
    spec = seed_client.get("/openapi.json").json()
    geo = "application/geo+json"
    map_ok = spec["paths"]["/v1/map.geojson"]["get"]["responses"]["200"]["content"][geo]
    place = _component(spec, _component(spec, map_ok["schema"])["properties"]["features"]["items"])
    props = _component(spec, place["properties"]["properties"])["properties"]
    for name in ("commune_from", "location_precision", "levels", "modalities", "uai", "insee"):
        assert name in props, name
    for path, method in (
        ("/v1/pathways.geojson", "get"),
        ("/v1/pathways", "get"),
        ("/v1/pathways/search", "post"),
    ):
        ok = spec["paths"][path][method]["responses"]["200"]["content"][geo]
        assert _component(spec, ok["schema"])["properties"]["features"], path
    step = spec["components"]["schemas"]["StepProperties"]["properties"]
    assert {"location_precision", "modality", "outside_territory", "score"} <= set(step)


def _same_keys(props: dict[str, Any], model: type[BaseModel]) -> None:
    assert set(props) == set(model.model_fields), (set(props) ^ set(model.model_fields), model)


def test_answers_match_their_documented_schema(seed_client: TestClient) -> None:
    answer = seed_client.get("/map.geojson").json()
    assert answer["features"]
    MapFeatureCollection.model_validate(answer)
    for f in answer["features"]:
        _same_keys(f["properties"], MapPlaceProperties)
    geo = seed_client.get("/pathways.geojson", params=PATHWAYS).json()
    PathwaysFeatureCollection.model_validate(geo)
    by_kind: dict[str, type[BaseModel]] = {
        "home": HomeProperties,
        "step": StepProperties,
        "leg": LegProperties,
    }
    seen = set()
    for f in geo["features"]:
        seen.add(f["properties"]["feature"])
        _same_keys(f["properties"], by_kind[f["properties"]["feature"]])
    assert seen == set(by_kind), seen
    _same_keys(geo["properties"], PathwaysCollectionProperties)
