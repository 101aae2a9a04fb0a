"""``GET /jobs?q=``: ROME jobs by the words people use (« soudeur » -> H2913), for a goal job
asked by its name (graph/rome_jobs.py); the web's « Un métier » goal searches here."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.deps import Limit, StoreDep
from graph.rome_jobs import RomeJob, find_jobs, job_for_words, matched_name, rome_jobs
from graph.store import GraphStore

router = APIRouter(prefix="/jobs", tags=["jobs"])


class Job(BaseModel):
    code: str = Field(description="ROME code (« H2913 »), the `job` of GET /pathways.")
    name: str = Field(
        description="The names of the code's jobs, joined by « ; » (« Soudeur / Soudeuse »; "
        "« Commis / Commise de cuisine ; Cuisinier / Cuisinière de collectivité »): the ROME "
        "file names a code by its jobs, not by a title."
    )
    names: list[str] = Field(description="The same names, one by one.")
    diplomas: int = Field(description="How many diplomas of the graph train for it.")
    note: str | None = Field(
        default=None,
        description="French sentence when no diploma of the data trains for it (a job of the "
        "ROME reference all the same).",
    )
    filed: list[str] = Field(
        default_factory=list,
        description="The ROME codes the reference files under this one (found by them too).",
    )
    matched: str | None = Field(
        default=None,
        description="The other job name (an « appellation » of the ROME reference) the words "
        "found it by, when none of `names` holds them: « électricien » finds I1604 "
        "« Mécanicien / Mécanicienne automobile » through « Électricien / Électricienne "
        "automobile ».",
    )


class JobSearch(BaseModel):
    query: str
    count: int
    items: list[Job]
    hint: str | None = Field(
        default=None, description="French sentence when no job name holds the words."
    )
    suggestions: list[Job] = Field(default_factory=list, description="The closest names.")


def kept_jobs(request: Request, store: GraphStore) -> list[RomeJob]:
    """The ROME jobs the graph names, kept by the app and read again when the graph changed."""
    version = store.version()
    cached: tuple[str | None, list[RomeJob]] | None = getattr(request.app.state, "rome_jobs", None)
    if cached is None or version is None or cached[0] != version:
        cached = (version, rome_jobs(store.read("rome_jobs"), store.read("jobs_reference")))
        request.app.state.rome_jobs = cached
    return cached[1]


UNTRAINED = "Métier connu, mais aucune formation des données n'y prépare."


def _job(j: RomeJob, q: str) -> Job:
    return Job(
        code=j.code,
        name=j.name,
        names=list(j.names),
        diplomas=j.diplomas,
        note=None if j.diplomas else UNTRAINED,
        filed=list(j.aliases),
        matched=matched_name(j, q),
    )


@router.get("", response_model=JobSearch)
def search_jobs(
    request: Request,
    store: StoreDep,
    q: Annotated[
        str, Query(min_length=1, max_length=80, description="Words of the job's name, or a code.")
    ],
    limit: Limit = 20,
) -> JobSearch:
    """ROME jobs whose name holds the words (a prefix, a close spelling, accents ignored),
    best first (then those more diplomas train for); a French hint and the closest names when
    none does. Once the national import wrote the ROME reference, every job of it is named, by
    its names and the job names of metier.csv, with a note when no diploma trains for it."""
    jobs = kept_jobs(request, store)
    found = find_jobs(jobs, q, limit=limit)
    if found:
        return JobSearch(query=q, count=len(found), items=[_job(j, q) for j in found])
    _, close = job_for_words(jobs, q)
    hint = f"Aucun métier des données ne correspond à « {q.strip()} »"
    hint += (
        # close by their spelling only (« astronaute » → « Ostéopathe »): never said « proches »
        # as if the jobs were alike
        f" ; vouliez-vous dire {' ou '.join(j.name for j in close)} ?"
        if close
        else " ; essayez un autre mot ou le code ROME du métier."
    )
    return JobSearch(query=q, count=0, items=[], hint=hint, suggestions=[_job(j, q) for j in close])
