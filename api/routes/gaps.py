"""Missing links for campus and cluster managers: GET /gaps (JSON) and /gaps.csv (one section)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.deps import StoreDep
from graph.gaps import SECTIONS, GapReport, gap_report, report_csv
from graph.territory import (
    CampusField,
    DepartementsField,
    NearField,
    RadiusField,
    RegionField,
    check_fields,
    resolve_territory,
)

router = APIRouter(tags=["gaps"])

SectionId = Literal[
    "continuum_breaks",
    "dead_ends",
    "unmet_demand",
    "isolated_actors",
    "suggested_partnerships",
    "brokers",
]
assert set(SectionId.__args__) == set(SECTIONS)  # type: ignore[attr-defined]


class GapRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    campus: CampusField = None
    departements: DepartementsField = None
    region: RegionField = None
    sector: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")
    near: NearField = None
    radius_km: RadiusField = None
    limit: int = Field(default=50, ge=1, le=500, description="Findings per section, at most.")

    @model_validator(mode="after")
    def _coherent(self) -> GapRequest:
        check_fields(departements=self.departements, near=self.near, radius_km=self.radius_km)
        return self


class GapCsvRequest(GapRequest):
    section: SectionId = Field(description="Which section of the report.")


def build_report(store: StoreDep, req: GapRequest) -> GapReport:
    terr = resolve_territory(
        store,
        campus=req.campus,
        departements=req.departements,
        region=req.region,
        near=req.near,
        radius_km=req.radius_km,
    )
    return gap_report(store, terr, req.sector, limit=req.limit)


@router.get(
    "/gaps",
    response_model=GapReport,
    responses={404: {"description": "Unknown campus"}, 422: {"description": "Invalid"}},
)
def get_gaps(store: StoreDep, params: Annotated[GapRequest, Query()]) -> GapReport:
    """The missing-links report: continuum breaks, dead ends, unmet job demand, isolated
    actors, suggested partnerships, brokers and fragile links — each finding with the nodes
    involved, why it matters and the data behind it."""
    return build_report(store, params)


@router.get(
    "/gaps.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, 404: {"description": "Unknown campus"}},
)
def get_gaps_csv(store: StoreDep, params: Annotated[GapCsvRequest, Query()]) -> Response:
    """One section of the report as CSV (';'-separated, UTF-8 with BOM for spreadsheets)."""
    report = build_report(store, params)
    body = "\ufeff" + report_csv(report, params.section)
    name = f"manques-{params.campus or 'territoire'}-{params.section}.csv"
    return Response(
        content=body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
