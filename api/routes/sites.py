from __future__ import annotations

from fastapi import APIRouter

from api.deps import CampusId, Departement, Limit, Offset, SearchText, StoreDep, departement_code
from graph import queries
from graph.views import Page, SiteOut

router = APIRouter(prefix="/sites", tags=["sites"])


@router.get("", response_model=Page[SiteOut])
def list_sites(
    store: StoreDep,
    departement: Departement = None,
    campus: CampusId = None,
    q: SearchText = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[SiteOut]:
    """Communes where actors are located (INSEE code, coordinates, housing/transport facts)."""
    return queries.list_sites(
        store,
        departement=departement_code(departement),
        campus=campus,
        q=q,
        offset=offset,
        limit=limit,
    )
