"""Missing links for campus and cluster managers: GET /gaps (JSON) and /gaps.csv (one section)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import StoreDep
from graph.gaps import GapCsvRequest, GapReport, GapRequest, build_report, report_csv
from graph.gaps.choices import SectorChoices, sector_choices
from graph.gaps.findings import SECTION_FILE_NAMES
from graph.gaps.request import GapTerritoryRequest
from graph.territory import request_territory

router = APIRouter(tags=["gaps"])


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
    "/gaps/sectors",
    response_model=SectorChoices,
    responses={404: {"description": "Unknown campus"}, 422: {"description": "Invalid"}},
)
def get_gap_sectors(
    store: StoreDep, params: Annotated[GapTerritoryRequest, Query()]
) -> SectorChoices:
    """The filières a report of this territory can be asked for (`sector`): the filières and
    job families of the territory's own campuses, then the fields of training (NSF groups) of
    the programmes offered there, each with its number of programmes."""
    return sector_choices(store, request_territory(store, params))


@router.get(
    "/gaps.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, 404: {"description": "Unknown campus"}},
)
def get_gaps_csv(store: StoreDep, params: Annotated[GapCsvRequest, Query()]) -> Response:
    """One section of the report as CSV (';'-separated, UTF-8 with BOM for spreadsheets)."""
    report = build_report(store, params)
    body = "\ufeff" + report_csv(report, params.section)
    section = SECTION_FILE_NAMES.get(params.section, "rubrique")
    name = f"manques-{params.campus or 'territoire'}-{section}.csv"
    return Response(
        content=body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
