from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from api.deps import CampusId, Limit, Offset, SearchText, StoreDep
from api.routes.diploma_search import diploma_index
from graph import queries
from graph.models import DiplomaType
from graph.views import DiplomaDetail, DiplomaSummary, Page

router = APIRouter(prefix="/diplomas", tags=["diplomas"])


@router.get("", response_model=Page[DiplomaSummary])
def list_diplomas(
    store: StoreDep,
    level: Annotated[
        int | None, Query(ge=3, le=8, description="Qualification level 3 (CAP) to 8.")
    ] = None,
    type: Annotated[DiplomaType | None, Query(description="Diploma type.")] = None,
    campus: CampusId = None,
    q: SearchText = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[DiplomaSummary]:
    """Diplomas (CFD codes where known), filtered and paginated, with their offer counts."""
    return queries.list_diplomas(
        store,
        level=level,
        type=type.value if type else None,
        campus=campus,
        q=q,
        offset=offset,
        limit=limit,
    )


@router.get(
    "/{code}",
    response_model=DiplomaDetail,
    responses={404: {"description": "Unknown diploma, with close matches"}},
)
def get_diploma(
    request: Request,
    code: Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9-]+$")],
    store: StoreDep,
) -> DiplomaDetail:
    """One diploma: where it is offered, the passerelles in and out, its sectors."""
    return queries.get_diploma(store, code.upper(), index=lambda: diploma_index(request, store))
