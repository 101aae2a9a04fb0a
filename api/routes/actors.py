from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import CampusId, Departement, Limit, Offset, SearchText, StoreDep, departement_code
from graph import queries
from graph.models import ACTOR_KEY_PATTERN, ActorKind
from graph.views import ActorDetail, ActorSummary, Page

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", response_model=Page[ActorSummary])
def list_actors(
    store: StoreDep,
    kind: Annotated[ActorKind | None, Query(description="Kind of actor.")] = None,
    campus: CampusId = None,
    departement: Departement = None,
    q: SearchText = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[ActorSummary]:
    """Actors (schools, companies, labs, clusters…), filtered and paginated."""
    return queries.list_actors(
        store,
        kind=kind.value if kind else None,
        campus=campus,
        departement=departement_code(departement),
        q=q,
        offset=offset,
        limit=limit,
    )


@router.get(
    "/{actor_id}", response_model=ActorDetail, responses={404: {"description": "Unknown actor"}}
)
def get_actor(
    actor_id: Annotated[
        str,
        Path(
            pattern=ACTOR_KEY_PATTERN,
            description="The actor's id, or its establishment's UAI (e.g. 0060034E).",
        ),
    ],
    store: StoreDep,
) -> ActorDetail:
    """One actor with its campus roles, offers, partners, platforms and passerelles; an
    establishment may be named by its UAI (its id stays the one in the answer)."""
    return queries.get_actor(store, actor_id)
