"""``GET /about``: the product, the producers and licences of its data, and what was imported."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph.ingest.opendata.about import LICENCE_NOTE, data_credits, imported_counts

router = APIRouter(tags=["about"])


class ProducerOut(BaseModel):
    key: str
    producer: str
    dataset: str
    licence: str
    licence_url: str
    files: list[str] = Field(description="File-name patterns (regular expressions).")
    used_for: str


class CoverageOut(BaseModel):
    total: int = Field(description="Imported establishments.")
    named_by: dict[str, int] = Field(
        description="Establishments per file their name comes from; 'UAI only': no file names "
        "them (shown as 'Établissement <UAI> (<département>)')."
    )
    located_by: dict[str, int] = Field(
        description="Establishments per placement: 'establishment' (their own coordinates), "
        "'commune' (their commune's centre), 'unknown'."
    )


class ImportedOut(BaseModel):
    nodes: dict[str, int] = Field(description="Nodes written or enriched by the import.")
    relationships: dict[str, int] = Field(description="Relationships written by the import.")
    offers_by_file: dict[str, int] = Field(description="Imported offers per source file.")
    establishments: CoverageOut = Field(
        description="Where the imported establishments' names and places come from."
    )


class AboutOut(BaseModel):
    product: str
    version: str
    engine: str
    licence_note: str
    producers: list[ProducerOut]
    imported: ImportedOut


@router.get("/about", response_model=AboutOut)
def about(request: Request, store: StoreDep) -> AboutOut:
    """Version, data producers and licences, and per-source counts of imported facts."""
    return AboutOut(
        product=request.app.title,
        version=request.app.version,
        engine=store.engine,
        licence_note=LICENCE_NOTE,
        producers=[ProducerOut(**p) for p in data_credits()],
        imported=ImportedOut(**imported_counts(store)),
    )
