"""``GET /sources``: the documents and public datasets facts cite, with their French titles.

Facts carry a ``source`` naming a file; clients show ``graph.citations.cite`` of it (the
document's title and section), for which this route gives the titles and the file patterns.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from graph.citations import DATASETS, DOCUMENTS

router = APIRouter(tags=["about"])


class DocumentOut(BaseModel):
    file: str = Field(description="The file name sources cite.")
    title: str = Field(description="French title, as a citation reads it.")
    description: str


class DatasetOut(BaseModel):
    key: str
    name: str = Field(description="French name of the dataset, as a citation reads it.")
    producer: str
    licence: str
    licence_url: str
    files: list[str] = Field(description="File-name patterns (regular expressions).")
    brings: str = Field(
        description="French: what the dataset brings to the graph (offers, names, places…)."
    )


class SourcesOut(BaseModel):
    documents: list[DocumentOut]
    datasets: list[DatasetOut]


@router.get("/sources", response_model=SourcesOut)
def sources() -> SourcesOut:
    """The five source documents and the public datasets, with the French titles to cite."""
    return SourcesOut(
        documents=[
            DocumentOut(file=d.file, title=d.title, description=d.description) for d in DOCUMENTS
        ],
        datasets=[
            DatasetOut(
                key=d.key,
                name=d.name,
                producer=d.producer.producer,
                licence=d.producer.licence,
                licence_url=d.producer.licence_url,
                files=list(d.files),
                brings=d.brings,
            )
            for d in DATASETS
        ],
    )
