"""``GET /diplomas/search?q=``: a diploma by the names people use (graph/diploma_search.py).

Registered before ``/diplomas/{code}`` so that ``search`` is not read as a code.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.deps import Limit, StoreDep
from api.routes.jobs import kept_jobs
from graph.diploma_search import search_diplomas
from graph.errors import UntrainedJob
from graph.queries import diploma_search_rows
from graph.rome_jobs import RomeJob, find_jobs, job_for_words
from graph.store import GraphStore
from graph.views import DiplomaSummary

router = APIRouter(prefix="/diplomas", tags=["diplomas"])
ROME_CODE = re.compile(r"^[A-N]\d{4}$")


class DiplomaSearch(BaseModel):
    query: str
    count: int
    items: list[DiplomaSummary]
    hint: str | None = Field(
        default=None, description="French sentence when nothing matches, with the nearest names."
    )
    suggestions: list[DiplomaSummary] = Field(default_factory=list)


def diploma_index(request: Request, store: GraphStore) -> list[dict[str, Any]]:
    """The diplomas index, kept by the app and read again when the graph changed (its version)."""
    version = store.version()
    cached: tuple[str | None, list[dict[str, Any]]] | None = getattr(
        request.app.state, "diploma_index", None
    )
    if cached is None or version is None or cached[0] != version:
        cached = (version, diploma_search_rows(store))
        request.app.state.diploma_index = cached
    return cached[1]


@router.get("/search", response_model=DiplomaSearch)
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=120, description="Name, acronym or code.")],
    limit: Limit = 20,
) -> DiplomaSearch:
    """Diplomas by their usual names: acronyms (MELEC, SIO, CPRP…), type words (« cap
    usinage »), words in any order, accents and typos tolerated; a French hint with the nearest
    names when nothing matches; a diploma is found by the names of the jobs it trains for too
    (« soudeur »: the CAP RICS, ROME H2913), a closed one no one offers after the open ones."""
    jobs = kept_jobs(request, store)
    found = search_diplomas(diploma_index(request, store), q, limit=limit, jobs=jobs)
    untrained = None if found.hits else untrained_job(jobs, q)
    return DiplomaSearch(
        query=q,
        count=len(found.hits),
        items=[DiplomaSummary.of(dict(h.row)) for h in found.hits],
        hint=untrained or found.hint,
        suggestions=[DiplomaSummary.of(dict(r)) for r in found.suggestions],
    )


def untrained_job(jobs: list[RomeJob], q: str) -> str | None:
    """When the words are the name (or the code) of one job of the ROME reference no diploma
    trains for (« vendangeur », « A1401 »), the French sentence saying so: a diploma search
    finds nothing for it, and the job is known all the same."""
    code = q.strip().upper()
    by_code = find_jobs(jobs, code) if ROME_CODE.match(code) else []
    one = by_code[0] if by_code else job_for_words(jobs, q)[0]
    if one is None or one.diplomas:
        return None
    asked = code if by_code else one.code
    return UntrainedJob(asked, one.named(asked)).said
