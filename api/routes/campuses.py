from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import StoreDep
from graph import queries
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
