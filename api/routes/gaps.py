"""Missing links for campus and cluster managers: GET /gaps (JSON) and /gaps.csv (one section)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.deps import StoreDep
from api.territory import territory, valid_departements, valid_place
from graph.gaps import SECTIONS, GapReport, gap_report, report_csv

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

    campus: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")
    departements: str | None = Field(
        default=None, max_length=120, description="Comma list, e.g. 12,46."
    )
    region: str | None = Field(default=None, pattern=r"^\d{2}$")
    sector: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")
    near: str | None = Field(
        default=None,
        max_length=80,
        description="A commune (INSEE code, postcode or name, as for `home`) or 'lat,lon'.",
    )
    radius_km: float | None = Field(default=None, gt=0, le=500)
    limit: int = Field(default=50, ge=1, le=500, description="Findings per section, at most.")

    @model_validator(mode="after")
    def _coherent(self) -> GapRequest:
        if (self.near is None) != (self.radius_km is None):
            raise ValueError("'near' and 'radius_km' go together")
        if self.departements and not valid_departements(self.departements):
            raise ValueError("'departements' is a comma list of up to 20 codes, e.g. 12,46")
        if self.near and not valid_place(self.near):
            raise ValueError(
                "« near » : nom de commune, code postal, code INSEE (ex. 46102) "
                "ou « latitude,longitude »"
            )
        return self


class GapCsvRequest(GapRequest):
    section: SectionId = Field(description="Which section of the report.")


def build_report(store: StoreDep, req: GapRequest) -> GapReport:
    terr = territory(
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
