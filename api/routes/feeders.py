"""``GET /feeders?to=…``: the diplomas and establishments that lead into a diploma, in a
territory, ranked (reverse pathways; graph/feeders.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from api.deps import StoreDep
from graph.feeders import FeedersAnswer, find_feeders
from graph.territory import TerritoryRequest, request_territory

router = APIRouter(tags=["pathways"])


class FeedersRequest(TerritoryRequest):
    to: str = Field(max_length=40, pattern=r"^[A-Za-z0-9-]+$", description="Diploma code.")
    limit: int = Field(default=20, ge=1, le=100)


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
