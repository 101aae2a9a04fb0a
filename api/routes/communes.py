"""Every French commune: GET /communes?q= (autocompletion) and GET /communes/{code}.

The reference is graph/communes.py's (built at install, docs/communes.md); the database is not
read. A place parameter elsewhere (`home`, `near`) accepts whatever these endpoints return.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from graph import communes
from graph.communes import Commune, CommuneCodeUnknown, CommuneNotFound

router = APIRouter(prefix="/communes", tags=["communes"])

Kind = Literal["commune", "commune-deleguee", "commune-associee", "arrondissement-municipal"]


class CommuneOut(BaseModel):
    """A commune, or a part of one (commune déléguée or associée, municipal arrondissement of
    Paris, Lyon or Marseille): its `place` is what to send as `home` or `near`."""

    code: str = Field(description="INSEE code (COG) of this entry.", examples=["46102"])
    name: str = Field(examples=["Figeac"])
    label: str = Field(
        description=(
            "French label telling homonyms apart: name (département, its postcode when it "
            "has only one)."
        ),
        examples=["Figeac (Lot, 46100)"],
    )
    kind: Kind
    commune_code: str = Field(
        description="The current commune this entry is or belongs to (= code for a commune)."
    )
    commune_name: str
    postcodes: list[str]
    departement: str = Field(description="Département code as in the COG: 46, 2A, 974.")
    departement_name: str
    region: str = Field(description="Région code (COG).")
    region_name: str
    population: int | None = Field(description="Municipal population (INSEE); None if unknown.")
    lat: float | None = Field(description="Centre latitude (WGS84); None if unknown.")
    lon: float | None
    approximate: bool = Field(
        description="True when the centre is not the commune's own but its parent commune's, "
        "arrondissement's or département's (or unknown)."
    )
    centre: str = Field(
        description="How the centre was found: 'mairie' (town hall), 'contour' (centroid), "
        "'anciennes-communes', 'commune-parente', 'arrondissement', 'departement', '' (unknown)."
    )
    note: str | None = Field(
        default=None,
        description="French note when a code was read as a part or a former commune, or, in a "
        "search for a code, when that code is this commune's INSEE code but another commune's "
        "postcode, not its own (« 64100 est son code INSEE, pas son code postal (64200) »).",
    )
    place: str = Field(
        description="What to send as `home` or `near` for this entry: its INSEE code; its "
        "name and département when that code is read first as a municipal arrondissement's "
        "postcode (Aix-en-Provence, INSEE 13001, Marseille 1er's postcode: « Aix-en-Provence "
        "(13) »); 'insee:CODE' when the bare code is also another town's postcode "
        "(Clermont-Ferrand, INSEE 63113, Picherande's postcode: 'insee:63113', read as the "
        "INSEE code without the note a typed code gets).",
        examples=["46102"],
    )


class CommuneSearch(BaseModel):
    query: str
    count: int
    communes: list[CommuneOut]
    message: str | None = Field(default=None, description="French hint when nothing matches.")


def commune_out(c: Commune, note: str | None = None) -> CommuneOut:
    ref = communes.reference()
    current = ref.communes.get(c.parent or c.code, c)
    return CommuneOut(
        code=c.code,
        name=c.name,
        label=c.display,
        kind=c.kind,
        commune_code=current.code,
        commune_name=current.name,
        postcodes=list(c.postcodes),
        departement=c.departement,
        departement_name=c.departement_name,
        region=c.region,
        region_name=c.region_name,
        population=c.population,
        lat=c.lat,
        lon=c.lon,
        approximate=c.approximate,
        centre=c.centre,
        note=note,
        place=ref.place_param(c),
    )


@router.get("", response_model=CommuneSearch)
def search_communes(
    q: Annotated[
        str,
        Query(
            max_length=100,
            description="Name (accents, case, hyphens, apostrophes and Saint/St ignored; a "
            "prefix is enough; 'Name (dept)' narrows), postcode (or its first digits) or INSEE "
            "code.",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> CommuneSearch:
    """Communes matching what a user types, best first: exact names, then by population."""
    found = communes.search(q, limit)
    ref = communes.reference() if found else None
    return CommuneSearch(
        query=q,
        count=len(found),
        # an INSEE code that is another commune's postcode says so (64100: Bassussarry)
        communes=[commune_out(c, ref.code_note(q, c) if ref else None) for c in found],
        message=None
        if found
        else CommuneNotFound(q.strip() or q, communes.reference().near(q)).message,
    )


@router.get(
    "/{code}",
    response_model=CommuneOut,
    responses={404: {"description": "Aucune commune n'a ce code (ni ancien code)."}},
)
def get_commune(
    code: Annotated[str, Path(pattern=r"^(\d{5}|2[ABab]\d{3})$", description="INSEE code.")],
) -> CommuneOut:
    """One commune by INSEE code; a former code (merged commune) gives the current one, a
    commune déléguée or an arrondissement gives itself, with `note` saying what it belongs to."""
    res = communes.reference().by_code(code)
    if res is None:
        raise CommuneCodeUnknown(code.upper())
    return commune_out(res.place, res.note)
