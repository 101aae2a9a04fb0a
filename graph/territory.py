"""A territory: where the steps of a pathway must be offered, or what a gap report covers.

One idea in one place: a campus, départements, a région, or a radius around a place — any of
them, all of which must hold. The request fields are checked here (:func:`check_fields`), the
territory is built once per request (:func:`resolve_territory`: the campus must exist, a commune
must have coordinates), then the searches test places with :meth:`Territory.contains` and give
the queries :meth:`Territory.query_params`. Errors are graph errors (``NotFound``,
``InvalidRequest``); the web layer and the CLI translate them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from typing import Annotated, Any, Protocol

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from graph import communes
from graph.departements import (
    REGION_NAMES,
    and_list,
    de_phrase,
    de_place,
    departement_label,
    departement_number,
    departements_phrase,
    region_phrase,
)
from graph.errors import InvalidRequest, NotFound
from graph.geo import EARTH_RADIUS_KM, haversine_km, inner_reach, lon_gap, lon_reach
from graph.models import INSEE_PATTERN, departement_code

__all__ = [
    "ANYWHERE",
    "DEPARTEMENTS_HINT",
    "CampusField",
    "DepartementsField",
    "NearField",
    "Point",
    "RadiusField",
    "RegionField",
    "Territory",
    "TerritoryRequest",
    "check_fields",
    "departements_error",
    "departement_label",
    "departement_number",
    "parse_departements",
    "resolve_place",
    "request_territory",
    "resolve_territory",
    "valid_departements",
    "valid_place",
]


class Reader(Protocol):
    """What resolving a territory reads (a :class:`graph.store.GraphStore` is one): the
    territory imports no store, so that its rules stay a pure module."""

    def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]: ...


class TerritoryFields(Protocol):
    """A request carrying the territory fields (pathways, gaps, coverage, feeders)."""

    @property
    def campus(self) -> str | None: ...
    @property
    def departements(self) -> str | None: ...
    @property
    def region(self) -> str | None: ...
    @property
    def near(self) -> str | None: ...
    @property
    def radius_km(self) -> float | None: ...


LATLON = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
INSEE = re.compile(INSEE_PATTERN)
MAX_DEPARTEMENTS = 20

# The territory fields of a request, declared once (pathways and gaps share them).
CampusField = Annotated[str | None, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")]
DepartementsField = Annotated[
    str | None, Field(max_length=120, description="Comma list, e.g. 12,46.")
]


def _region(value: str | None) -> str | None:
    """A région code of the COG (graph.departements.REGION_NAMES), else a French refusal
    naming the valid ones."""
    if value is None or value.strip() in REGION_NAMES:
        return None if value is None else value.strip()
    valid = ", ".join(f"{c} ({n})" for c, n in sorted(REGION_NAMES.items()))
    raise ValueError(f"code de région inconnu ; codes acceptés : {valid}")


RegionField = Annotated[str | None, Field(max_length=8), AfterValidator(_region)]
NearField = Annotated[
    str | None,
    Field(
        max_length=80,
        description="A commune (INSEE code, former code, postcode or name: GET /communes; "
        "'insee:CODE' names it by its INSEE code only, never read as a postcode, as GET "
        "/communes `place` gives when the bare code is also another town's postcode) or "
        "'lat,lon'.",
    ),
]
# A commune name, postcode or code as typed (graph/communes.py resolves it): letters of any
# alphabet, digits, spaces and the punctuation of French commune names, "Name (dept)".
PLACE_TEXT = re.compile(r"^[\w\s'’().,/-]{1,80}$")
PLACE_HINT = "nom de commune, code postal, code INSEE (ex. 46102) ou « latitude,longitude »"
RadiusField = Annotated[float | None, Field(gt=0, le=500)]


class Point(BaseModel):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    label: str | None = None
    # which town a code naming several was read as (« 13008 est le code postal de Marseille
    # 8e Arrondissement ; c'est aussi le code INSEE d'Aurons… »: graph.communes.resolve)
    note: str | None = None


def _lat_span(radius_km: float) -> float:
    """The degrees of latitude beyond which a place is farther than ``radius_km``, whatever
    its longitude: a great-circle distance is at least the radius times the difference of
    latitudes in radians (a pathway search tests thousands of offers against a radius);
    a micrometre above it, so that rounding never puts a place inside out."""
    return math.degrees((radius_km + 1e-9) / EARTH_RADIUS_KM)


class Territory(BaseModel):
    """Where the steps must be offered. Empty = anywhere."""

    campus: str | None = None
    departements: list[str] | None = None
    region: str | None = None
    near: Point | None = None
    radius_km: float | None = None
    campus_name: str | None = Field(default=None, description="For sentences: never the id.")
    # `near` is the learner's home (a pathway request gave `home` and `radius_km` only): said
    # « autour du domicile (Figeac) »
    around_home: bool = False

    def describe(self) -> str:
        """In French, for answers, a noun phrase with its article: « le département des
        Alpes-Maritimes (06) », « CMQ Mecanic Vallée et les départements de l'Aveyron (12) et
        du Lot (46) » (a campus by its name, never its identifier; départements and régions by
        their names, graph/departements.py)."""
        parts = []
        if self.campus:
            parts.append(self.campus_name or "le campus choisi")
        if self.departements:
            parts.append(departements_phrase(self.departements))
        if self.region:
            parts.append(region_phrase(self.region))
        if self.near and self.radius_km:
            parts.append(f"{self.radius_km:g} km autour {self._centre()}")
        return and_list(parts) if parts else "tout le territoire"

    def _centre(self) -> str:
        """The radius's centre after « autour »: « de Figeac », « du domicile (Figeac) ».

        >>> Territory(near=Point(lat=44.6, lon=2.0, label="Figeac"), radius_km=30,
        ...           around_home=True).describe_in()
        'dans un rayon de 30 km autour du domicile (Figeac)'
        """
        assert self.near is not None
        where = self.near.label or f"{self.near.lat:.3f}, {self.near.lon:.3f}"
        return f"du domicile ({where})" if self.around_home else de_place(where)

    def describe_in(self) -> str:
        """In French, where something is, said as is after a verb (the answers' field
        ``territory_phrase``, which clients show without adding a word): « dans le département
        du Lot (46) », « dans le territoire du CMQ Mecanic Vallée », « dans un rayon de 25 km
        autour de Figeac », « sur tout le territoire ».

        >>> Territory(departements=["012", "046"]).describe_in()
        "dans les départements de l'Aveyron (12) et du Lot (46)"
        >>> Territory(campus="c", campus_name="CMQ X", region="76").describe_in()
        'dans le territoire du CMQ X et la région Occitanie'
        >>> Territory(near=Point(lat=44.6, lon=2.0, label="Figeac"), radius_km=25).describe_in()
        'dans un rayon de 25 km autour de Figeac'
        >>> Territory(near=Point(lat=49.9, lon=2.3, label="Amiens"), radius_km=30).describe_in()
        "dans un rayon de 30 km autour d'Amiens"
        >>> Territory().describe_in()
        'sur tout le territoire'
        """
        parts = []
        if self.campus:
            parts.append(f"le territoire du {self.campus_name or 'campus choisi'}")
        if self.departements:
            parts.append(departements_phrase(self.departements))
        if self.region:
            parts.append(region_phrase(self.region))
        if self.near and self.radius_km:
            parts.append(f"un rayon de {self.radius_km:g} km autour {self._centre()}")
        return f"dans {and_list(parts)}" if parts else "sur tout le territoire"

    def describe_of(self) -> str:
        """« de » and :meth:`describe`, contracted: « du département du Lot (46) »."""
        return de_phrase(self.describe())

    @property
    def is_set(self) -> bool:
        return bool(self.campus or self.departements or self.region or self.near)

    @property
    def is_everywhere(self) -> bool:
        """Whether :meth:`contains` holds for every place (a point without a radius limits
        nothing there).

        >>> Territory().is_everywhere, Territory(departements=["046"]).is_everywhere
        (True, False)
        """
        return not (
            self.campus or self.departements or self.region or (self.near and self.radius_km)
        )

    def contains(
        self,
        place: Mapping[str, Any],
        *,
        campuses: Collection[str] | None = None,
    ) -> bool:
        """Whether a place is in the territory: the one membership test.

        ``place`` has ``departement``, ``region_code``, ``lat``, ``lon`` and, for an offer,
        ``campus`` (the campus the offer is listed under); ``campuses`` are the campuses its
        establishment belongs to. A place without coordinates is outside any radius.

        >>> t = Territory(departements=["046"], campus="c")
        >>> t.contains({"departement": "046"}, campuses=["c"])
        True
        >>> t.contains({"departement": "046", "campus": "other"}, campuses=[])
        False
        """
        if self.departements and place.get("departement") not in self.departements:
            return False
        if self.region and place.get("region_code") != self.region:
            return False
        if self.campus and not (
            place.get("campus") == self.campus or self.campus in (campuses or ())
        ):
            return False
        if self.near and self.radius_km:
            lat, lon = place.get("lat"), place.get("lon")
            if lat is None or lon is None:
                return False
            north = abs(lat - self.near.lat)
            if north > _lat_span(self.radius_km):
                return False  # farther north or south than the radius: no distance needed
            east = lon_gap(lon, self.near.lon)
            if east > lon_reach(self.near.lat, self.radius_km):
                return False  # farther east or west (graph.geo.lon_reach)
            dlat, dlon = inner_reach(self.near.lat, self.radius_km)
            if north <= dlat and east <= dlon:
                return True  # near enough the centre: no distance needed (graph.geo.inner_reach)
            return haversine_km(self.near.lat, self.near.lon, lat, lon) <= self.radius_km
        return True

    def query_params(self) -> dict[str, Any]:
        """The territory parameters of a query (``gaps_offers``): ``restrict`` false for an
        empty territory; the radius as a bounding box, the exact distance being tested in
        Python by :meth:`contains`."""
        return {
            "restrict": not self.is_everywhere,
            "departements": self.departements,
            "region": self.region,
            "campus": self.campus,
            **self._bbox(),
        }

    def _bbox(self) -> dict[str, float | None]:
        if not (self.near and self.radius_km):
            return {"min_lat": None, "max_lat": None, "min_lon": None, "max_lon": None}
        dlat = self.radius_km / 111.0
        dlon = self.radius_km / (111.0 * max(0.01, math.cos(math.radians(self.near.lat))))
        return {
            "min_lat": self.near.lat - dlat,
            "max_lat": self.near.lat + dlat,
            "min_lon": self.near.lon - dlon,
            "max_lon": self.near.lon + dlon,
        }


ANYWHERE = Territory()


# --- parsing the request fields -------------------------------------------------------------


def valid_place(value: str) -> bool:
    """'lat,lon', or what could name a commune: an INSEE code, a postcode, a name (whether it
    does is checked later, by :func:`resolve_place`).

    >>> valid_place("46102"), valid_place("Saint-Céré"), valid_place("4610"), valid_place("a;b")
    (True, True, False, False)
    >>> valid_place("insee:63113"), valid_place("insee:6311")
    (True, False)
    """
    v = value.strip()
    if LATLON.match(value) or INSEE.match(v) or communes.EXPLICIT_INSEE.match(v):
        return True
    return bool(v and PLACE_TEXT.match(value) and not v.isdigit())


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def departements_error(value: str) -> str | None:
    """Why a comma list of département codes is refused (French), or None if it is fine: no
    code, more than MAX_DEPARTEMENTS, or a code that is no département's (named when it looks
    like a code; longer text is not echoed).

    >>> departements_error("12, 2A, 971") is None
    True
    >>> departements_error("999").split(" ; ")[0]
    "« departements » : « 999 » n'est pas un code de département"
    >>> departements_error(",")
    '« departements » : au moins un code de département, par exemple 12,46'
    """
    codes = _codes(value)
    if not codes:
        return "« departements » : au moins un code de département, par exemple 12,46"
    wrong = []
    for c in codes:
        try:
            departement_code(c)
        except ValueError:
            wrong.append(c)
    if wrong:
        shown = [c for c in wrong if re.fullmatch(r"[0-9A-Za-z]{1,4}", c)]
        what = (
            " et ".join(f"« {c} »" for c in shown[:3])
            + (" ne sont pas des codes" if len(shown[:3]) > 1 else " n'est pas un code")
            if shown
            else "un des codes donnés n'est pas un code"
        )
        return (
            f"« departements » : {what} de département ; donnez des codes séparés par des "
            "virgules, par exemple 12,46,2A,971"
        )
    if len(codes) > MAX_DEPARTEMENTS:
        return DEPARTEMENTS_HINT
    return None


def valid_departements(value: str) -> bool:
    """A comma list of 1 to MAX_DEPARTEMENTS département codes.

    >>> valid_departements("12,46"), valid_departements("2A, 971"), valid_departements("99")
    (True, True, False)
    """
    return departements_error(value) is None


def parse_departements(value: str | None) -> list[str] | None:
    """'46,12' -> ['012', '046'] (sorted, the stored form); None for no restriction."""
    if not value:
        return None
    return sorted({departement_code(c) for c in _codes(value)})


DEPARTEMENTS_HINT = (
    "« departements » : au plus 20 codes de département séparés par des virgules, par exemple 12,46"
)


def check_fields(*, departements: str | None, near: str | None, radius_km: float | None) -> None:
    """The checks a request's territory fields must pass (ValueError, for pydantic validators)."""
    if (near is None) != (radius_km is None):
        raise ValueError("« near » et « radius_km » vont ensemble : donnez les deux")
    if departements and (why := departements_error(departements)):
        raise ValueError(why)
    if near is not None and not valid_place(near):
        raise ValueError(f"« near » : {PLACE_HINT}")


class TerritoryRequest(BaseModel):
    """The territory fields of a request, declared and checked once: /gaps, /gaps/sectors,
    /coverage, /feeders and /map.geojson take them as query parameters (a route's own
    parameters in a subclass). A parameter the route does not know is refused (``extra``
    forbidden: a French 422, « champ inconnu »), never silently ignored: a map of all of
    France for ``?region=52`` was a wrong answer given as a right one.

    >>> TerritoryRequest(departements="12,46").departements
    '12,46'
    >>> from pydantic import ValidationError
    >>> try:
    ...     TerritoryRequest.model_validate({"region": "84", "rayon": "15"})
    ... except ValidationError as e:
    ...     print(e.errors()[0]["type"], e.errors()[0]["loc"])
    extra_forbidden ('rayon',)
    """

    model_config = ConfigDict(extra="forbid")

    campus: CampusField = None
    departements: DepartementsField = None
    region: RegionField = None
    near: NearField = None
    radius_km: RadiusField = None

    @model_validator(mode="after")
    def _coherent_territory(self) -> TerritoryRequest:
        check_fields(departements=self.departements, near=self.near, radius_km=self.radius_km)
        return self


# --- resolving against the graph --------------------------------------------------------------


def resolve_place(
    store: Reader, value: str | None, what: str, within: Collection[str] = ()
) -> Point | None:
    """'lat,lon', or any French commune by INSEE code (current, former, or of a commune
    déléguée), postcode or name (:func:`graph.communes.resolve`: the commune reference, not
    the graph, so ``store`` is not read); a :class:`graph.communes.CommuneError` (an
    InvalidRequest, with the candidates when several communes match) otherwise. A name
    several communes share is read as the only one in the départements ``within`` (the
    territory's), said in the note."""
    if value is None:
        return None
    m = LATLON.match(value)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidRequest(f"« {what} » : latitude ou longitude hors des limites")
        return Point(lat=lat, lon=lon)
    try:
        res = communes.resolve_within(value, within) if within else communes.resolve(value)
        if res.place.lat is None or res.place.lon is None:
            raise communes.CommuneUnplaced(value, res.place)
    except communes.CommuneError as exc:
        exc.field = what
        raise
    note = res.note if res.ambiguous else None
    # a name or code that names other communes too: the one read named by its département
    # in every sentence (« 30 km autour de Clermont (Oise, 60) »), the note says the others
    # a name communes of other départements bear too, however it was given (« insee:97416 »,
    # « Saint-Pierre (974) »): « 300 km autour de Saint-Pierre (La Réunion, 974) »
    label = res.place.name
    if res.ambiguous or communes.reference().name_shared(res.place):
        label += f" ({res.place.departement_name}, {res.place.departement})"
    return Point(lat=res.place.lat, lon=res.place.lon, label=label, note=note)


def resolve_territory(
    store: Reader,
    *,
    campus: str | None,
    departements: str | None,
    region: str | None,
    near: str | None,
    radius_km: float | None,
) -> Territory:
    """The territory of checked request fields: NotFound for an unknown campus,
    InvalidRequest for a place that names no commune, several, or one without a centre."""
    found = store.read("campus_exists", id=campus) if campus else []
    if campus and not found:
        raise NotFound("campus", campus)
    return Territory(
        campus=campus,
        campus_name=found[0].get("short_name") if found else None,
        departements=parse_departements(departements),
        region=region,
        near=resolve_place(store, near, "near"),
        radius_km=radius_km,
    )


def request_territory(store: Reader, req: TerritoryFields) -> Territory:
    """:func:`resolve_territory` of a request's checked territory fields."""
    return resolve_territory(
        store,
        campus=req.campus,
        departements=req.departements,
        region=req.region,
        near=req.near,
        radius_km=req.radius_km,
    )
