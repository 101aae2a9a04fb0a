from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import CampusId, Limit, Offset, StoreDep
from graph import queries
from graph.models import PasserelleKind, PasserelleOrigin
from graph.views import Page, PasserelleDetail, PasserelleOut

router = APIRouter(prefix="/passerelles", tags=["passerelles"])


@router.get("", response_model=Page[PasserelleOut])
def list_passerelles(
    store: StoreDep,
    campus: CampusId = None,
    kind: Annotated[PasserelleKind | None, Query()] = None,
    origin: Annotated[PasserelleOrigin | None, Query(description="documented or inferred")] = None,
    diploma: Annotated[
        str | None,
        Query(max_length=40, pattern=r"^[A-Za-z0-9-]+$", description="Diploma code at either end."),
    ] = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[PasserelleOut]:
    """Passerelles: bridges between programmes, each with its id, figures and source."""
    return queries.list_passerelles(
        store,
        campus=campus,
        kind=kind.value if kind else None,
        origin=origin.value if origin else None,
        diploma=diploma.upper() if diploma else None,
        offset=offset,
        limit=limit,
    )


@router.get(
    "/{passerelle_id}",
    response_model=PasserelleDetail,
    responses={404: {"description": "Unknown passerelle"}},
)
def get_passerelle(
    passerelle_id: Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{1,120}$")], store: StoreDep
) -> PasserelleDetail:
    """One passerelle with the diplomas at both ends and the establishments bound by it."""
    return queries.get_passerelle(store, passerelle_id)
