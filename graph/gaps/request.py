"""A gap question at the edge: the request's fields, checked, then the report of its territory.

The API routes and the CLI both call :func:`build_report`; errors are graph errors (NotFound for
an unknown campus, InvalidRequest for a commune the graph cannot place).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from graph.gaps.findings import SECTIONS, GapReport
from graph.gaps.report import gap_report
from graph.store import GraphStore
from graph.territory import TerritoryRequest, request_territory

__all__ = ["GapCsvRequest", "GapRequest", "GapTerritoryRequest", "SectionId", "build_report"]

SectionId = Literal[
    "continuum_breaks",
    "dead_ends",
    "unmet_demand",
    "isolated_actors",
    "suggested_partnerships",
    "brokers",
]
assert set(get_args(SectionId)) == set(SECTIONS)


class GapTerritoryRequest(TerritoryRequest):
    """A territory of gap reports (GET /gaps/sectors: the filières it can be asked for)."""


class GapRequest(GapTerritoryRequest):
    sector: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9-]{1,79}$",
        description="A filière of a campus, or a field of training (`nsf-` and its NSF group, "
        "e.g. nsf-251): the values of GET /gaps/sectors.",
    )
    limit: int = Field(
        default=10,
        ge=1,
        le=500,
        description="Findings per section, at most (the first ones by rank; each section "
        "gives its total).",
    )


class GapCsvRequest(GapRequest):
    section: SectionId = Field(description="Which section of the report.")
    limit: int = Field(
        default=500,
        ge=1,
        le=500,
        description="Rows of the section, at most: every finding by default (up to 500, the "
        "JSON's maximum); when the section holds more, a last row « Remarque » says how many "
        "of how many the file holds (« 500 constats sur 1 234 »).",
    )


def build_report(store: GraphStore, req: GapRequest) -> GapReport:
    terr = request_territory(store, req)
    return gap_report(store, terr, req.sector, limit=req.limit)
