"""Validated rows of the public files, one model per kind of fact.

Parsers build a plain dict per row and call :func:`validate`, which turns the first pydantic
error into a :class:`graph.errors.SeedError` naming file, line and column. Codes are text with
the exact shapes of the national files (UAI, CFD, MEF_STAT_11, INSEE, département).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, NamedTuple, Protocol, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from graph.errors import SeedError
from graph.models import ActorKind, Departement, Insee, Modality, Nsf, Uai

__all__ = [
    "Cfd",
    "CommuneRow",
    "DepartementRow",
    "DiplomaRow",
    "EstablishmentRow",
    "LevelRow",
    "MefRow",
    "MefStat",
    "OfferModel",
    "OfferRow",
    "offer_row",
    "reject_abroad",
    "validate",
]

Cfd = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{8}$")]
"""BCN diploma code (FORMATION_DIPLOME): 8 characters, letters allowed (``46X33501``)."""
LineageCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{5,10}$")]
MefStat = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{11}$")]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Lat = Annotated[float, Field(ge=-90, le=90)]
Lon = Annotated[float, Field(ge=-180, le=180)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=400, strip_whitespace=True)]

M = TypeVar("M", bound=BaseModel)

# pydantic field name -> the column it comes from, for error messages
_COLUMNS: dict[type[BaseModel], dict[str, str]] = {}


# A row whose identifier or name is unusable is *rejected* (left out and reported, the rest of
# the file imported) unless --strict; any other bad value means the file is not what the
# importer expects and stops the import. Field name -> reason.
REJECT_REASONS = {
    "uai": "invalid UAI",
    "parent_uai": "invalid UAI",
    "insee": "invalid commune code (INSEE)",
    "cfd": "invalid diploma code (CFD)",
    "mef_stat_11": "invalid course-year code (MEF_STAT_11)",
    "mef": "invalid course-year code (MEF)",
    "name": "missing name",
}
REJECT_ABROAD = "place abroad"
_REJECT_OVERRIDES: dict[tuple[str, str], str] = {("DiplomaRow", "code"): REJECT_REASONS["cfd"]}


class Rejecting(Protocol):
    """What :func:`validate` needs of a file report to record a rejected row."""

    strict: bool

    def reject(self, line: int, reason: str, column: str | None, value: object) -> None: ...


def reject_reason(model: type[BaseModel], field_name: str | None) -> str | None:
    if field_name is None:
        return None
    return _REJECT_OVERRIDES.get((model.__name__, field_name)) or REJECT_REASONS.get(field_name)


@overload
def validate(
    model: type[M],
    data: dict[str, Any],
    path: Any,
    line: int,
    cols: dict[str, str] | None = None,
    *,
    report: None = None,
) -> M: ...
@overload
def validate(
    model: type[M],
    data: dict[str, Any],
    path: Any,
    line: int,
    cols: dict[str, str] | None = None,
    *,
    report: Rejecting,
) -> M | None: ...
def validate(
    model: type[M],
    data: dict[str, Any],
    path: Any,
    line: int,
    cols: dict[str, str] | None = None,
    *,
    report: Rejecting | None = None,
) -> M | None:
    """``model.model_validate(data)``; the first error names file, line and column.

    With a ``report`` (not strict), a row whose first error is on an identifier or the name is
    recorded there as rejected and ``None`` is returned; any other error raises."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else None
        column = (cols or {}).get(name or "") or _COLUMNS.get(model, {}).get(name or "", name)
        value = data.get(name) if name else None
        reason = reject_reason(model, name)
        if report is not None and reason is not None and not report.strict:
            report.reject(line, reason, column, value)
            return None
        raise SeedError(path, f"line {line}", column, f"{err['msg']} (value {value!r})") from None


def reject_abroad(report: Rejecting, path: Any, line: int, column: str, value: str) -> None:
    """A row placed outside France: rejected, or (``--strict``) the import stops."""
    if report.strict:
        raise SeedError(path, f"line {line}", column, f"un lieu à l'étranger ({value!r})")
    report.reject(line, REJECT_ABROAD, column, value)


def columns(model: type[BaseModel], mapping: dict[str, str]) -> None:
    """Declare which file column each field comes from (used in error messages)."""
    _COLUMNS.setdefault(model, {}).update(mapping)


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int


class LevelRow(_Row):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{3}$")]
    short_label: str
    label: str
    rncp_level: int | None = None


class DiplomaRow(_Row):
    code: Cfd
    level_code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{3}$")]
    nsf: Nsf | None = None
    short_label: str = ""
    name: Name
    opening_date: IsoDate | None = None
    closing_date: IsoDate | None = None
    first_session: Year | None = None
    last_session: Year | None = None
    rncp_level: int | None = None
    intervention_date: IsoDate | None = None
    predecessors: tuple[LineageCode, ...] = ()
    successors: tuple[LineageCode, ...] = ()
    file: str


class MefRow(_Row):
    mef_stat_11: MefStat
    mef: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{10}$")]
    cfd: Cfd
    duration: Annotated[int, Field(ge=0, le=9)] | None = None
    year_of_course: Annotated[int, Field(ge=0, le=9)] | None = None
    closing_date: IsoDate | None = None


class DepartementRow(_Row):
    code: Departement
    name: str
    region_code: Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
    region: str
    academie_code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{1,3}$")] | None = None
    academie: str | None = None


class CommuneRow(_Row):
    insee: Insee
    name: Name
    departement: Departement | None = None
    region_code: Annotated[str, StringConstraints(pattern=r"^\d{2}$")] | None = None
    lat: Lat | None = None
    lon: Lon | None = None
    method: str | None = None


class EstablishmentRow(_Row):
    """One establishment as one directory describes it."""

    uai: Uai
    file: str
    name: Name
    kind: ActorKind
    nature_code: str | None = None
    nature_label: str | None = None
    establishment_type: str | None = None
    public: bool | None = None
    insee: Insee | None = None
    commune: str | None = None
    departement: Departement | None = None
    region_code: Annotated[str, StringConstraints(pattern=r"^\d{2}$")] | None = None
    lat: Lat | None = None
    lon: Lon | None = None
    siret: Annotated[str, StringConstraints(pattern=r"^\d{9}(\d{5})?$")] | None = None
    url: str | None = None
    parent_uai: Uai | None = None
    opening_date: IsoDate | None = None
    flags: tuple[str, ...] = ()  # voie_professionnelle, apprentissage, post_bac, greta, ...


class OfferModel(_Row):
    """One row of an activity file, as pydantic checks it: the schema of :class:`OfferRow`,
    whose errors :func:`offer_row` reports when its own checks fail."""

    file: str
    uai: Uai
    mef_stat_11: MefStat | None = None
    cfd: Cfd | None = None  # when the file gives it (BTS 2022-2023)
    modality: Modality
    year: Year
    capacity: Count | None = None
    demand: Count | None = None
    pupils: Count | None = None
    label: str | None = None


class OfferRow(NamedTuple):
    """One row of an activity file, checked (fields and constraints of :class:`OfferModel`).

    The activity files are two thirds of a national import's rows (123 000): a tuple built
    after a few compiled checks costs a fraction of a pydantic model, and a row that fails
    any check goes through :class:`OfferModel` for the same rejection or error."""

    line: int
    file: str
    uai: str
    mef_stat_11: str | None
    cfd: str | None
    modality: Modality
    year: int
    capacity: int | None
    demand: int | None
    pupils: int | None
    label: str | None


def _pattern(annotated: Any) -> re.Pattern[str]:
    """The compiled pattern of a constrained string type (ASCII: never looser than pydantic's)."""
    (constraint,) = (m for m in annotated.__metadata__ if isinstance(m, StringConstraints))
    pattern = constraint.pattern
    if not isinstance(pattern, str):
        raise TypeError(f"{annotated!r} has no string pattern")
    return re.compile(pattern, re.ASCII)


_UAI = _pattern(Uai).fullmatch
_MEF_STAT = _pattern(MefStat).fullmatch
_CFD = _pattern(Cfd).fullmatch
_COUNT_MAX = 1_000_000


def offer_row(
    path: Any,
    line: int,
    cols: dict[str, str],
    report: Rejecting,
    file: str,
    uai: str,
    mef_stat_11: str | None,
    cfd: str | None,
    modality: Modality,
    year: int,
    capacity: int | None,
    demand: int | None,
    pupils: int | None,
    label: str | None,
) -> OfferRow | None:
    """An activity row, checked as :class:`OfferModel` checks it; None when it is rejected
    (recorded in ``report``), :class:`SeedError` on any other bad value (see :func:`validate`).
    """
    if (
        type(uai) is str
        and _UAI(uai)
        and (mef_stat_11 is None or (type(mef_stat_11) is str and _MEF_STAT(mef_stat_11)))
        and (cfd is None or (type(cfd) is str and _CFD(cfd)))
        and type(modality) is Modality
        and type(year) is int
        and 1900 <= year <= 2100
        and (capacity is None or (type(capacity) is int and 0 <= capacity <= _COUNT_MAX))
        and (demand is None or (type(demand) is int and 0 <= demand <= _COUNT_MAX))
        and (pupils is None or (type(pupils) is int and 0 <= pupils <= _COUNT_MAX))
        and (label is None or type(label) is str)
        and type(file) is str
        and type(line) is int
    ):
        return OfferRow(
            line, file, uai, mef_stat_11, cfd, modality, year, capacity, demand, pupils, label
        )
    data = {
        "line": line,
        "file": file,
        "uai": uai,
        "mef_stat_11": mef_stat_11,
        "cfd": cfd,
        "modality": modality,
        "year": year,
        "capacity": capacity,
        "demand": demand,
        "pupils": pupils,
        "label": label,
    }
    m = validate(OfferModel, data, path, line, cols, report=report)
    if m is None:
        return None
    return OfferRow(*(getattr(m, f) for f in OfferRow._fields))
