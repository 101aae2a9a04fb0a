from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import StoreDep
from graph import queries
from graph.models import ActorKind, PlatformKind
from graph.network_view import Network, campus_network
from graph.views import CampusDetail, CampusSummary

router = APIRouter(prefix="/campuses", tags=["campuses"])
CampusPath = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$", examples=["mecanic-vallee"])]


@router.get("", response_model=list[CampusSummary])
def list_campuses(store: StoreDep) -> list[CampusSummary]:
    """Every campus with its headline figures (members, offers, levels covered)."""
    return queries.list_campuses(store)


@router.get(
    "/{campus_id}", response_model=CampusDetail, responses={404: {"description": "Unknown campus"}}
)
def get_campus(campus_id: CampusPath, store: StoreDep) -> CampusDetail:
    """One campus: members with their role, sectors, recorded job demand, sourced facts."""
    return queries.get_campus(store, campus_id)


NodeKind = ActorKind | PlatformKind


@router.get(
    "/{campus_id}/network",
    response_model=Network,
    responses={404: {"description": "Unknown campus"}},
)
def get_campus_network(
    campus_id: CampusPath,
    store: StoreDep,
    kind: Annotated[
        list[NodeKind] | None,
        Query(max_length=30, description="Keep actors/platforms of these kinds (repeatable)."),
    ] = None,
    sector: Annotated[str | None, Query(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")] = None,
    diplomas: Annotated[bool, Query(description="Include diplomas and passerelles.")] = True,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=2000)] = 500,
) -> Network:
    """A campus as nodes and edges (actors, platforms, diplomas, memberships, offers,
    partnerships, passerelles), most connected first, capped and paginated."""
    return campus_network(
        store,
        campus_id,
        kinds={k.value for k in kind} if kind else None,
        sector=sector,
        include_diplomas=diplomas,
        offset=offset,
        limit=limit,
    )
