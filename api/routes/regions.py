"""The 18 régions: GET /regions, for the forms' région choice (the `region` parameter of the
pathway, gap, coverage and feeder requests).

The codes are the ones those requests accept (graph.departements.REGION_NAMES, INSEE COG);
their départements come from the commune reference (graph/communes.py, built at install). The
database is not read.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from graph import communes
from graph.departements import REGION_NAMES
from graph.text import normalise

router = APIRouter(tags=["communes"])


class RegionOut(BaseModel):
    code: str = Field(description="Région code (COG): what `region=` takes.", examples=["76"])
    name: str = Field(description="French name, for users.", examples=["Occitanie"])
    departements: list[str] = Field(
        description="Its départements as the COG writes them (46, 2A, 974).",
        examples=[["09", "11", "12"]],
    )


class Regions(BaseModel):
    count: int
    regions: list[RegionOut]


def _departement_key(code: str) -> tuple[int, str]:
    """« 2A » and « 2B » between 19 and 21, the overseas ones after 95."""
    return (int(code[:2].replace("2A", "20").replace("2B", "20")), code)


@router.get("/regions", response_model=Regions)
def get_regions() -> Regions:
    """Every région by its French name (in French alphabetical order, accents ignored), with
    its départements."""
    ref = communes.reference()
    out = [
        RegionOut(
            code=code,
            name=name,
            departements=sorted(ref.region_departements(code), key=_departement_key),
        )
        for code, name in REGION_NAMES.items()
    ]
    out.sort(key=lambda r: normalise(r.name))  # « Île-de-France » among the I
    return Regions(count=len(out), regions=out)
