from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import CampusId, Limit, Offset, SearchText, StoreDep
from graph import queries
from graph.models import ID_PATTERN, PlatformKind
from graph.views import Page, PlatformOut

router = APIRouter(prefix="/platforms", tags=["platforms"])


@router.get("", response_model=Page[PlatformOut])
def list_platforms(
    store: StoreDep,
    kind: Annotated[PlatformKind | None, Query()] = None,
    campus: CampusId = None,
    q: SearchText = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[PlatformOut]:
    """Technology platforms (PFT), fab-labs, plateaux techniques and research platforms."""
    return queries.list_platforms(
        store, kind=kind.value if kind else None, campus=campus, q=q, offset=offset, limit=limit
    )


@router.get(
    "/{platform_id}",
    response_model=PlatformOut,
    responses={404: {"description": "Unknown platform"}},
)
def get_platform(
    platform_id: Annotated[str, Path(pattern=ID_PATTERN, description="The platform's id.")],
    store: StoreDep,
) -> PlatformOut:
    """One platform by its id, with the fields of the list (hosts, sectors, place)."""
    return queries.get_platform(store, platform_id)
