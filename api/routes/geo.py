from __future__ import annotations

import gzip
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import StoreDep
from api.geojson_schemas import GeoJSONResponse, MapFeatureCollection
from graph.mapdata import MapRequest, around_point, map_geojson_gzip
from graph.territory import request_territory

router = APIRouter(tags=["map"])


@router.get(
    "/map.geojson",
    # the model documents the answer (api/geojson_schemas.py); the answer is the pre-gzipped
    # bytes of graph/mapdata.py, never validated through it
    response_class=GeoJSONResponse,
    responses={
        200: {"model": MapFeatureCollection, "description": "A FeatureCollection."},
        404: {"description": "Unknown campus or filière (`campus`, `sector`)."},
        422: {"description": "Invalid or unknown parameter."},
    },
)
def get_map(request: Request, store: StoreDep, params: Annotated[MapRequest, Query()]) -> Any:
    """Actors and platforms with coordinates as a GeoJSON FeatureCollection ([lon, lat]),
    with the levels, modalities and sectors they offer, for map clients. The territory is
    that of /gaps and /coverage (`campus`, `departements=12,46`, `region`, `near` with
    `radius_km`), or a radius around a place of the graph (`around` with `radius_km`); an
    unknown parameter is refused. `unplaced` counts, by kind, the matching ones that have no
    coordinates (with a radius: those of the départements the circle reaches, which may be
    inside; `notice` says so). `level` and `modality` together keep the places with one offer
    of that level in that modality."""
    territory = request_territory(store, params)
    if params.around is not None:  # the radius's centre named by its name, never coordinates
        territory = territory.model_copy(
            update={"near": around_point(store, params.around), "radius_km": params.radius_km}
        )
    body = map_geojson_gzip(
        store,
        territory=territory,
        kinds={k.value for k in params.kind} if params.kind else None,
        sector=params.sector,
        level=params.level,
        modality=params.modality.value if params.modality else None,
    )
    # kept compressed (graph/mapdata.py): sent as it is to a client that takes gzip (the
    # compression middleware leaves an encoded body alone), inflated for the others
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        return Response(
            body,
            media_type="application/geo+json",
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )
    return Response(gzip.decompress(body), media_type="application/geo+json")
