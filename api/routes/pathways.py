"""Learner pathways: GET /pathways (query string), POST /pathways/search (JSON), GeoJSON twins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from api.deps import StoreDep
from graph.pathways import PathwayAnswer, PathwayRequest, build_query, find_pathways
from graph.pathways.geojson import FEATURE_COLLECTION_SCHEMA, pathways_geojson
from graph.store import GraphStore

router = APIRouter(tags=["pathways"])

GEOJSON = "application/geo+json"


def _answer(store: GraphStore, req: PathwayRequest, *, geojson: bool) -> Any:
    query = build_query(store, req)
    answer = find_pathways(store, query)
    if geojson:
        return JSONResponse(pathways_geojson(answer, query.home), media_type=GEOJSON)
    return answer


def _wants_geojson(request: Request) -> bool:
    return GEOJSON in request.headers.get("accept", "")


_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {GEOJSON: {"schema": FEATURE_COLLECTION_SCHEMA}},
        "description": "Ranked pathways (JSON), or GeoJSON.",
    },
    404: {"description": "Unknown start diploma (with close matches) or campus"},
    422: {"description": "Invalid parameters"},
}


@router.get("/pathways", response_model=PathwayAnswer, responses=_RESPONSES)
def get_pathways(
    request: Request, store: StoreDep, params: Annotated[PathwayRequest, Query()]
) -> Any:
    """Ranked learner pathways from a diploma or level to a goal, through a territory's offers.

    `Accept: application/geo+json` returns the pathways as a GeoJSON FeatureCollection.
    """
    return _answer(store, params, geojson=_wants_geojson(request))


@router.get("/pathways.geojson", responses=_RESPONSES, response_class=JSONResponse)
def get_pathways_geojson(store: StoreDep, params: Annotated[PathwayRequest, Query()]) -> Any:
    """The same search as GET /pathways, as GeoJSON (steps as Points, legs as LineStrings)."""
    return _answer(store, params, geojson=True)


@router.post("/pathways/search", response_model=PathwayAnswer, responses=_RESPONSES)
def search_pathways(request: Request, store: StoreDep, body: PathwayRequest) -> Any:
    """The same search as GET /pathways, with the fields as a JSON body."""
    return _answer(store, body, geojson=_wants_geojson(request))
