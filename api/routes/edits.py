"""Edits for campus managers (bearer token) and the public change log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from api.auth import EditorDep
from api.deps import Limit, Offset, StoreDep
from graph import edits
from graph.models import ID_PATTERN, INSEE_PATTERN, PRINTABLE, Modality, PartnershipKind

router = APIRouter(tags=["edits"])

# Edits name an actor by its id only (never a UAI, which a reader may mistype into another
# establishment): reads accept both (ACTOR_KEY_PATTERN, api/routes/actors.py).
ACTOR_ID = ID_PATTERN
ActorId = Annotated[str, Path(pattern=ACTOR_ID)]
ActorQ = Annotated[str, Query(pattern=ACTOR_ID)]
SourceQ = Annotated[
    str,
    Query(
        min_length=5,
        max_length=600,
        pattern=PRINTABLE,
        description="Why this change is true: a document, a letter…",
    ),
]
_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or unknown token"},
    403: {"description": "Editing disabled"},
    404: {"description": "Unknown record"},
    409: {"description": "Already exists"},
    422: {"description": "Invalid edit"},
}


class Created(BaseModel):
    created: dict[str, Any]
    by: str


class Deleted(BaseModel):
    deleted: int
    by: str


class ChangePage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[edits.ChangeOut]


@router.post("/actors", status_code=201, response_model=Created, responses=_AUTH)
def create_actor(body: edits.ActorCreate, store: StoreDep, user: EditorDep) -> Created:
    """Create an actor (establishment, company, lab…), optionally with its site, campus role
    and sectors."""
    return Created(created={"id": edits.create_actor(store, user, body)}, by=user)


@router.patch("/actors/{actor_id}", response_model=Created, responses=_AUTH)
def update_actor(
    actor_id: ActorId, body: edits.ActorUpdate, store: StoreDep, user: EditorDep
) -> Created:
    """Change some of an actor's fields (and its site)."""
    return Created(created={"id": edits.update_actor(store, user, actor_id, body)}, by=user)


@router.delete("/actors/{actor_id}", response_model=Deleted, responses=_AUTH)
def delete_actor(actor_id: ActorId, source: SourceQ, store: StoreDep, user: EditorDep) -> Deleted:
    """Delete an actor and all its links."""
    edits.delete_actor(store, user, actor_id, source)
    return Deleted(deleted=1, by=user)


@router.post("/offers", status_code=201, response_model=Created, responses=_AUTH)
def create_offer(body: edits.OfferCreate, store: StoreDep, user: EditorDep) -> Created:
    """Record that an actor offers a diploma (site, modality, capacity, status)."""
    return Created(created=edits.create_offer(store, user, body), by=user)


@router.delete("/offers", response_model=Deleted, responses=_AUTH)
def delete_offer(
    store: StoreDep,
    user: EditorDep,
    actor: ActorQ,
    diploma: Annotated[str, Query(pattern=r"^[A-Z0-9][A-Z0-9-]{2,39}$")],
    modality: Modality,
    source: SourceQ,
    site: Annotated[str | None, Query(pattern=INSEE_PATTERN)] = None,
) -> Deleted:
    """Delete an actor's offers of a diploma in a modality (at one site, if given)."""
    e = edits.OfferDelete(actor=actor, diploma=diploma, modality=modality, site=site, source=source)
    return Deleted(deleted=edits.delete_offer(store, user, e), by=user)


@router.post("/passerelles", status_code=201, response_model=Created, responses=_AUTH)
def create_passerelle(body: edits.PasserelleCreate, store: StoreDep, user: EditorDep) -> Created:
    """Record a documented passerelle between diplomas (with its figures and parties)."""
    return Created(created={"id": edits.create_passerelle(store, user, body)}, by=user)


@router.delete("/passerelles/{passerelle_id}", response_model=Deleted, responses=_AUTH)
def delete_passerelle(
    passerelle_id: Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{1,120}$")],
    source: SourceQ,
    store: StoreDep,
    user: EditorDep,
) -> Deleted:
    """Delete a passerelle and its legs."""
    edits.delete_passerelle(store, user, passerelle_id, source)
    return Deleted(deleted=1, by=user)


@router.post("/partnerships", status_code=201, response_model=Created, responses=_AUTH)
def create_partnership(body: edits.PartnershipCreate, store: StoreDep, user: EditorDep) -> Created:
    """Record a partnership between two actors."""
    return Created(created=edits.create_partnership(store, user, body), by=user)


@router.delete("/partnerships", response_model=Deleted, responses=_AUTH)
def delete_partnership(
    store: StoreDep,
    user: EditorDep,
    a: ActorQ,
    b: ActorQ,
    kind: PartnershipKind,
    source: SourceQ,
) -> Deleted:
    """Delete the partnerships of a kind between two actors."""
    e = edits.PartnershipDelete(a=a, b=b, kind=kind, source=source)
    return Deleted(deleted=edits.delete_partnership(store, user, e), by=user)


@router.get("/changes", response_model=ChangePage)
def list_changes(
    store: StoreDep,
    target: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=r"^[A-Za-z]+:[^\s\x00-\x1f\x7f]{1,180}$",
            description="e.g. Actor:lycee-x",
        ),
    ] = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> ChangePage:
    """The change log (who changed what, when, on which source), newest first."""
    total, items = edits.list_changes(store, target=target, offset=offset, limit=limit)
    return ChangePage(total=total, offset=offset, limit=limit, items=items)
