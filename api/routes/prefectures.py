"""The préfectures (chefs-lieux of départements and régions): GET /prefectures, for map labels.

From the commune reference (graph/communes.py, built at install from the INSEE COG); the
database is not read.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from graph import communes
from graph.errors import InvalidRequest
from graph.territory import (
    DepartementsField,
    departements_error,
    parse_departements,
)

router = APIRouter(tags=["communes"])


class PrefectureOut(BaseModel):
    code: str = Field(description="INSEE code of the commune.", examples=["12202"])
    name: str = Field(examples=["Rodez"])
    departement: str = Field(description="The département (COG code) it is the préfecture of.")
    departement_name: str
    region: str = Field(description="Région code (COG).")
    region_name: str
    regional: bool = Field(description="Also the chef-lieu of its région.")
    population: int | None
    lat: float
    lon: float


class Prefectures(BaseModel):
    count: int
    prefectures: list[PrefectureOut]


def _cog(code: str) -> str:
    """The stored form '046', '02A', '974' as the COG writes it: '46', '2A', '974'."""
    return code[1:] if len(code) == 3 and code.startswith("0") else code


@router.get("/prefectures", response_model=Prefectures)
def get_prefectures(
    departements: Annotated[DepartementsField, Query()] = None,
) -> Prefectures:
    """The préfecture of every département (or of `departements=12,46` only), régional
    chefs-lieux first, with their centre (town hall): the town names a map of France shows."""
    if departements and (why := departements_error(departements)):
        raise InvalidRequest(why)
    codes = parse_departements(departements)
    found = communes.reference().prefectures(None if codes is None else [_cog(c) for c in codes])
    out = [
        PrefectureOut(
            code=p.commune.code,
            name=p.commune.name,
            departement=p.departement,
            departement_name=p.commune.departement_name,
            region=p.commune.region,
            region_name=p.commune.region_name,
            regional=p.regional,
            population=p.commune.population,
            lat=p.commune.lat,
            lon=p.commune.lon,
        )
        for p in found
    ]
    return Prefectures(count=len(out), prefectures=out)
