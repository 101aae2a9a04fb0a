"""What the data holds in a territory: GET /coverage (programmes and establishments per level and
diploma type, with their sources)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from graph.coverage import CoverageAnswer, CoverageRequest, build_coverage

router = APIRouter(tags=["pathways"])


@router.get(
    "/coverage",
    response_model=CoverageAnswer,
    responses={404: {"description": "Unknown campus"}, 422: {"description": "Invalid"}},
)
def get_coverage(store: StoreDep, params: Annotated[CoverageRequest, Query()]) -> CoverageAnswer:
    """Per level and diploma type: how many programmes and establishments the graph holds in
    the territory (the territory filters of /pathways), and from which sources. A level or type
    absent here is absent from the data, not necessarily from the territory."""
    return build_coverage(store, params)
