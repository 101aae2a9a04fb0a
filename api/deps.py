"""FastAPI dependencies, each declared once as an Annotated alias."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from graph.models import DEPARTEMENT_INPUT_PATTERN
from graph.models import departement_code as _stored_departement
from graph.settings import Settings
from graph.store import GraphStore


# Coroutines, though they wait for nothing: FastAPI runs a plain function dependency in a
# worker thread, one thread hop (~0.1 ms of CPU) per request for an attribute read.
async def get_store(request: Request) -> GraphStore:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

# Bounded inputs shared by the list endpoints.
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size (at most 500).")]
SearchText = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=100,
        # No control characters but tab / newline (a NUL would cut the query on FalkorDB).
        pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+$",
        description="Text in names (accents and case ignored), or an exact id / UAI / code.",
    ),
]
CampusId = Annotated[
    str | None,
    Query(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$", description="Campus id, e.g. mecanic-vallee."),
]
Departement = Annotated[
    str | None,
    Query(pattern=DEPARTEMENT_INPUT_PATTERN, description="Département code, e.g. 12 or 012."),
]


def departement_code(value: str | None) -> str | None:
    """'12' -> '012' (the graph stores the 3-character form of the national files)."""
    return None if value is None else _stored_departement(value)
