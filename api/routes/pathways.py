"""Learner pathways: GET /pathways (query string), POST /pathways/search (JSON), GeoJSON twins."""

from __future__ import annotations

import threading
import weakref
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import TypeAdapter

from api.caching import GRAPH_VERSION
from api.deps import StoreDep
from api.geojson_schemas import GeoJSONResponse, PathwaysFeatureCollection
from graph.communes import loaded as communes_loaded
from graph.pathways import PathwayAnswer, PathwayQuery, PathwayRequest, build_query, find_pathways
from graph.pathways.data import PathwayData, pathway_data
from graph.pathways.geojson import pathways_geojson
from graph.store import GraphStore

router = APIRouter(tags=["pathways"])

GEOJSON = "application/geo+json"
# What FastAPI does with the route's response_model (fastapi.routing.serialize_response: the
# model's JSON from pydantic's serialiser, by alias): the bytes kept are those it would send.
_ANSWER_JSON = TypeAdapter(PathwayAnswer)


def _answer(request: Request, store: GraphStore, req: PathwayRequest, *, geojson: bool) -> Any:
    """The answer, computed once per question and graph version when the answer cache is on
    (``CMQ_PATHWAY_ANSWER_CACHE``, :meth:`PathwayData.answer`): its bytes, as the route would
    send them without the cache. The graph version is read once per request (by the ETag
    middleware when it runs)."""
    data = pathway_data(store, getattr(request.state, GRAPH_VERSION, None))
    if not request.app.state.settings.pathway_answer_cache:
        query = build_query(store, req, data=data)
        answer = find_pathways(store, query, data=data)
        if geojson:
            return JSONResponse(
                pathways_geojson(answer, query.home, query.territory.near), media_type=GEOJSON
            )
        return answer  # serialised by FastAPI (response_model)
    form = "geojson" if geojson else "json"
    asked = (form, req.model_dump_json())
    resolved = _resolved(data)
    key = resolved.get(asked) if resolved is not None else None
    if key is not None:
        # asked before in this version: its answer's key without resolving the question again
        # (build_query: ~0.5-1 ms of CPU for a level start or a région, the most part of a
        # repeated request's own work); an answer dropped since is computed from the request
        body = data.answer(
            key, lambda: _body(store, data, build_query(store, req, data=data), geojson=geojson)
        )
    else:
        query = build_query(store, req, data=data)
        key = (form, query.model_dump_json())
        body = data.answer(key, lambda: _body(store, data, query, geojson=geojson))
        if resolved is not None and communes_loaded():
            _remember(resolved, asked, key)
    return Response(body, media_type=GEOJSON if geojson else "application/json")


# The resolved question's key by request, per graph version (a new version, new or carried, is
# a new PathwayData and starts with none): what build_query gives depends on the graph (that
# version) and on the commune reference, fixed once loaded (a missing reference is said by the
# answer; the file may appear later: nothing is kept until it is loaded). At most
# RESOLVED_KEPT requests a version (~0.5 KB each), the oldest dropped first.
RESOLVED_KEPT = 2048
_RESOLVED: weakref.WeakKeyDictionary[PathwayData, dict[tuple[str, str], tuple[str, str]]] = (
    weakref.WeakKeyDictionary()
)
_RESOLVED_LOCK = threading.Lock()


def _resolved(data: PathwayData) -> dict[tuple[str, str], tuple[str, str]] | None:
    """The version's requests already resolved; None for a store without a version (which
    keeps no answer)."""
    if data.version is None:
        return None
    with _RESOLVED_LOCK:
        got = _RESOLVED.get(data)
        if got is None:
            got = _RESOLVED[data] = {}
        return got


def _remember(
    resolved: dict[tuple[str, str], tuple[str, str]],
    asked: tuple[str, str],
    key: tuple[str, str],
) -> None:
    with _RESOLVED_LOCK:
        if asked not in resolved and len(resolved) >= RESOLVED_KEPT:
            resolved.pop(next(iter(resolved)))
        resolved[asked] = key


def _body(store: GraphStore, data: PathwayData, query: PathwayQuery, *, geojson: bool) -> bytes:
    answer = find_pathways(store, query, data=data)
    if geojson:
        return bytes(
            JSONResponse(
                pathways_geojson(answer, query.home, query.territory.near), media_type=GEOJSON
            ).body
        )
    return _ANSWER_JSON.dump_json(answer, by_alias=True)


def _wants_geojson(request: Request) -> bool:
    return GEOJSON in request.headers.get("accept", "")


_COLLECTION_REF = f"#/components/schemas/{PathwaysFeatureCollection.__name__}"
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        # the component is declared by /pathways.geojson's "model" (api/geojson_schemas.py)
        "content": {GEOJSON: {"schema": {"$ref": _COLLECTION_REF}}},
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
    return _answer(request, store, params, geojson=_wants_geojson(request))


_GEOJSON_RESPONSES: dict[int | str, dict[str, Any]] = {
    **_RESPONSES,
    200: {"model": PathwaysFeatureCollection, "description": "Ranked pathways as GeoJSON."},
}


@router.get("/pathways.geojson", responses=_GEOJSON_RESPONSES, response_class=GeoJSONResponse)
def get_pathways_geojson(
    request: Request, store: StoreDep, params: Annotated[PathwayRequest, Query()]
) -> Any:
    """The same search as GET /pathways, as GeoJSON (steps as Points, legs as LineStrings)."""
    return _answer(request, store, params, geojson=True)


@router.post("/pathways/search", response_model=PathwayAnswer, responses=_RESPONSES)
def search_pathways(request: Request, store: StoreDep, body: PathwayRequest) -> Any:
    """The same search as GET /pathways, with the fields as a JSON body."""
    return _answer(request, store, body, geojson=_wants_geojson(request))
