"""Missing links for campus and cluster managers: GET /gaps (JSON) and /gaps.csv (one section)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import StoreDep
from graph.gaps import GapCsvRequest, GapReport, GapRequest, build_report, report_csv

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
