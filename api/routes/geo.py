from __future__ import annotations

import gzip
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import CampusId, Departement, StoreDep, departement_code
from api.geojson_schemas import GeoJSONResponse, MapFeatureCollection
from graph.errors import InvalidRequest
from graph.mapdata import map_geojson_gzip
from graph.models import ActorKind, Modality, PlatformKind
from graph.territory import (
    DepartementsField,
    departements_error,
    parse_departements,
)

router = APIRouter(tags=["map"])


@router.get(
    "/map.geojson",
    # the model documents the answer (api/geojson_schemas.py); the answer is the pre-gzipped
    # bytes of graph/mapdata.py, never validated through it
    response_class=GeoJSONResponse,
    responses={
        200: {"model": MapFeatureCollection, "description": "A FeatureCollection."},
        404: {"description": "Unknown campus or filière (`campus`, `sector`)."},
    },
)
def get_map(
    request: Request,
    store: StoreDep,
    campus: CampusId = None,
    departements: Annotated[DepartementsField, Query()] = None,
    departement: Annotated[Departement, Query(deprecated=True)] = None,
    kind: Annotated[list[ActorKind | PlatformKind] | None, Query(max_length=30)] = None,
    sector: Annotated[str | None, Query(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")] = None,
    level: Annotated[int | None, Query(ge=3, le=8)] = None,
    modality: Modality | None = None,
) -> Any:
    """Actors and platforms with coordinates as a GeoJSON FeatureCollection ([lon, lat]),
    with the levels, modalities and sectors they offer, for map clients. The territory filters
    are the other endpoints' (`departements=12,46`); `unplaced` counts, by kind, the matching
    ones that have no coordinates. `level` and `modality` together keep the places with one
    offer of that level in that modality."""
    if departements and (why := departements_error(departements)):
        raise InvalidRequest(why)
    codes = parse_departements(departements)
    if departement:
        codes = sorted({*(codes or []), departement_code(departement) or ""} - {""})
    body = map_geojson_gzip(
        store,
        campus=campus,
        departements=codes,
        kinds={k.value for k in kind} if kind else None,
        sector=sector,
        level=level,
        modality=modality.value if modality else None,
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
