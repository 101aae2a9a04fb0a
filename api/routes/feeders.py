"""``GET /feeders?to=…``: the diplomas and establishments that lead into a diploma, in a
territory, ranked (reverse pathways; graph/feeders.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.deps import StoreDep
from graph.feeders import FeedersAnswer, find_feeders
from graph.territory import (
    CampusField,
    DepartementsField,
    NearField,
    RadiusField,
    RegionField,
    check_fields,
    request_territory,
)

router = APIRouter(tags=["pathways"])


class FeedersRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: str = Field(max_length=40, pattern=r"^[A-Za-z0-9-]+$", description="Diploma code.")
    campus: CampusField = None
    departements: DepartementsField = None
    region: RegionField = None
    near: NearField = None
    radius_km: RadiusField = None
    limit: int = Field(default=20, ge=1, le=100)

    @model_validator(mode="after")
    def _coherent(self) -> FeedersRequest:
        check_fields(departements=self.departements, near=self.near, radius_km=self.radius_km)
        return self


@router.get(
    "/feeders",
    response_model=FeedersAnswer,
    responses={404: {"description": "Unknown diploma or campus"}},
)
def get_feeders(store: StoreDep, params: Annotated[FeedersRequest, Query()]) -> FeedersAnswer:
    """Where a diploma's entrants can come from: the diplomas leading into it by one passerelle,
    with the establishments of the territory that offer them; feeders offered in the territory
    first, documented passerelles before inferred ones, then by share of entrants and places."""
    territory = request_territory(store, params)
    return find_feeders(store, params.to.upper(), territory, params.limit)
