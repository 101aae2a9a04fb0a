"""A pathway question at the edge: the request's fields, checked, then resolved against the
graph into a :class:`~graph.pathways.query.PathwayQuery` (start diplomas, territory, home).

The API routes and the CLI both call :func:`build_query`; errors are graph errors (NotFound
with close matches for an unknown start, InvalidRequest for a commune the graph cannot place).
"""

from __future__ import annotations

import contextlib
import re
from typing import Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from graph import communes
from graph.campus_scope import basis_refusal, campuses_of_territory, foreign_basis
from graph.diploma_names import display_name, with_code
from graph.errors import InvalidRequest, NotFound, UntrainedJob
from graph.ingest.opendata.placeholders import is_unspecified_diploma
from graph.modality_words import pathway_modality
from graph.models import DiplomaType, Modality, departement_code
from graph.nsf import field_code, nsf_name
from graph.pathways.after_3e import LEVEL as AFTER_3E_LEVEL
from graph.pathways.after_3e import START_CODE as AFTER_3E_CODE
from graph.pathways.after_3e import START_LABEL as AFTER_3E_LABEL
from graph.pathways.closed_start import Replaced, closed_goal, replaced_starts
from graph.pathways.data import PathwayData, kept_entries, pathway_data
from graph.pathways.query import PathwayQuery
from graph.pathways.scope import foreign_programme
from graph.pathways.start_scope import start_codes_in, start_scope_notice
from graph.queries import suggest_diplomas
from graph.rome_jobs import (
    RomeJob,
    choice_for,
    find_jobs,
    job_for_words,
    named_by,
    rome_jobs,
)
from graph.sector_suggestions import unknown_sector
from graph.store import GraphStore
from graph.territory import (
    PLACE_HINT,
    CampusField,
    DepartementsField,
    NearField,
    Point,
    RadiusField,
    RegionField,
    Territory,
    check_fields,
    request_territory,
    resolve_place,
    valid_place,
)

_ROME = re.compile(r"^[A-N]\d{4}$")
_CODE = re.compile(r"^[A-Za-z0-9-]+$")  # a diploma's code (BCN, RNCP, a seed's programme)


def not_a_code(value: str) -> str:
    """What to do when « from » or « to » is a diploma's name, not its code.

    >>> print(not_a_code("cap cuisine"))
    « cap cuisine » n'est pas un code de diplôme : donnez le code du diplôme (par exemple \
50022146), ou cherchez le diplôme par son nom (/v1/diplomas/search?q=cap%20cuisine) et prenez \
son code.
    """
    asked = quote(value.strip()[:80])
    return (
        f"« {value.strip()[:80]} » n'est pas un code de diplôme : donnez le code du diplôme "
        f"(par exemple 50022146), ou cherchez le diplôme par son nom "
        f"(/v1/diplomas/search?q={asked}) et prenez son code."
    )


__all__ = ["PathwayRequest", "build_query", "learner_departements", "resolve_start", "sector_label"]


class PathwayRequest(BaseModel):
    """The pathway question. Give a start (`from`, or `from_level` [+ `sector`]) and a goal."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    from_: str | None = Field(
        default=None,
        alias="from",
        max_length=40,
        pattern=r"^[A-Za-z0-9-]+$",
        description="Diploma held or prepared.",
    )
    from_level: int | None = Field(
        default=None,
        ge=2,
        le=8,
        description="Level of the diploma held (3 CAP … 8 doctorate); 2: end of 3e, no "
        "diploma yet (« fin de 3e (sans diplôme) »): the first step is a programme entered "
        "after 3e (graph/pathways/after_3e.py).",
    )
    sector: str | None = Field(
        default=None,
        max_length=80,
        pattern=r"^[a-z0-9-]+$|^[A-N]\d{4}$",
        description="Sector id or ROME code: with from_level, the start's "
        "field (from_level=2: the field of the first programme, entered after 3e; a field of "
        "training `nsf-NNN` too); without `to`/`to_type`/`to_level`, the goal job.",
    )
    job: str | None = Field(
        default=None,
        pattern=r"^[A-N]\d{4}$|^[A-Za-zÀ-ÖØ-öø-ÿŒœ0-9' -]{2,80}$",
        description="Goal job: ROME code, sector id, or the job's name in words (« soudeur »): "
        "read as the one ROME job the graph names so (GET /jobs lists them by words); words "
        "that name several jobs, are only spelt close to a job's name, or name none, are "
        "refused with the jobs to choose from.",
    )
    home: str | None = Field(
        default=None,
        max_length=80,
        description="Learner's town: any French commune's INSEE code (a former code too), "
        "postcode or name (GET /communes: its `place`), or 'lat,lon'. A municipal "
        "arrondissement's postcode is read as it (13008: Marseille 8e, not Aurons whose INSEE "
        "code it also is); another code that is both an INSEE code and a postcode is read as "
        "the INSEE code; either way the answer's notices say which town was used.",
    )
    to: str | None = Field(default=None, max_length=40, pattern=r"^[A-Za-z0-9-]+$")
    to_type: DiplomaType | None = None
    to_level: int | None = Field(default=None, ge=3, le=8)
    campus: CampusField = None
    departements: DepartementsField = None
    region: RegionField = None
    near: NearField = None
    radius_km: RadiusField = None
    allow_outside: bool = False
    modality: Modality | Literal["any"] = "any"
    max_steps: int = Field(default=4, ge=1, le=6)
    # set by the checks: `radius_km` and `home` without `near`, the radius drawn around home
    _radius_around_home: bool = PrivateAttr(default=False)
    limit: int = Field(default=10, ge=1, le=50)

    @field_validator("from_", "to", mode="before")
    @classmethod
    def _a_code(cls, value: object) -> object:
        """A name (« cap cuisine ») where a code is asked: said so, with the search that finds
        the code, not « format invalide »."""
        if isinstance(value, str) and value.strip() and not _CODE.match(value):
            raise ValueError(not_a_code(value))
        return value

    @field_validator("modality", mode="before")
    @classmethod
    def _modality_word(cls, value: object) -> object:
        """« alternance », « apprentissage », « scolaire », « toutes »… read as the API's
        values."""
        return pathway_modality(value)

    @field_validator("job", "sector")
    @classmethod
    def _rome_upper(cls, value: str | None) -> str | None:
        """« g1602 » is the ROME code G1602, not a sector id: the graph holds codes in upper
        case (a lower-case code matched nothing and the job went unnamed)."""
        if value is not None and _ROME.match(value.upper()):
            return value.upper()
        return value

    @model_validator(mode="after")
    def _coherent(self) -> PathwayRequest:
        if bool(self.from_) == (self.from_level is not None):
            # none given: « un seul » read as if two had been (tester22)
            one = "un seul départ" if self.from_ else "un départ"
            raise ValueError(f"donnez {one} : « from » (un code de diplôme) ou « from_level »")
        if not (
            self.to or self.to_type or self.to_level or self.job or (self.sector and self.from_)
        ):
            raise ValueError("donnez un objectif : « to », « to_type », « to_level » ou « job »")
        if self.home is not None and not valid_place(self.home):
            raise ValueError(f"« home » : {PLACE_HINT}")
        if self.near is None and self.radius_km is not None and self.home is not None:
            # a radius with a home and no centre: counted around the home, and said so
            # (Territory.around_home, « dans un rayon de 30 km autour du domicile (Figeac) »)
            self.near = self.home
            self._radius_around_home = True
        check_fields(departements=self.departements, near=self.near, radius_km=self.radius_km)
        return self


def build_query(
    store: GraphStore, req: PathwayRequest, *, data: PathwayData | None = None
) -> PathwayQuery:
    """The resolved question; ``data``: the pathway cache of the version the request read."""
    terr = request_territory(store, req)
    if req._radius_around_home:
        terr = terr.model_copy(update={"around_home": True})
    # a field of a level start holds as its campuses' tags only in their territory
    scoped = req.from_level is not None and req.from_level != AFTER_3E_LEVEL and req.sector
    start_codes, start_label = resolve_start(
        store,
        code=req.from_.upper() if req.from_ else None,
        level=req.from_level,
        sector=req.sector if req.from_level is not None and not scoped else None,
        data=data,
    )
    start_notice = None
    replaced: list[Replaced] = []
    entry_codes = None
    if req.from_level == AFTER_3E_LEVEL and req.sector:
        entry_codes, field_label, start_notice = after_3e_entries(store, data, req.sector, terr)
        start_label += f", {field_label}"
    if scoped:
        assert req.from_level is not None and req.sector
        start_label += f", {kept_sector_label(store, req.sector, data)}"
        start_codes, start_notice = _sector_starts(store, data, req.from_level, req.sector, terr)
    if not start_codes:
        if req.sector and kept_sector_label(store, req.sector, data) == UNKNOWN_SECTOR:
            # neither a filière nor a ROME code: « Filière inconnue », as /gaps says, not
            # « aucun diplôme … pour le métier choisi »; a field of training (nsf-251), which
            # /gaps reads, chooses the start from the end of 3e only: said so, with what to
            # change (« ne choisit pas de diplômes de départ » left the user guessing, tester25)
            if name := nsf_name(field_code(req.sector)):
                raise InvalidRequest(field_start_refusal(name, req.from_level))
            raise unknown_sector(store, req.sector, fields=False)
        field = f" pour le {kept_sector_label(store, req.sector, data)}" if req.sector else ""
        raise InvalidRequest(f"Aucun diplôme de niveau {req.from_level}{field} dans les données.")
    goal_sector, goal_label = (
        goal_job(store, req.job, data) if req.job else (req.sector if req.from_ else None, None)
    )
    home = resolve_place(store, req.home, "home", territory_departements(terr))
    start_departements = learner_departements(store, home, terr)
    if req.from_level is not None:
        # a campus programme of another territory is no start of a learner here (A26: Metz)
        territories = (data if data is not None else pathway_data(store)).programme_territories(
            store
        )
        start_codes = [
            c for c in start_codes if not foreign_programme(c, territories, start_departements)
        ]
    if req.from_level is not None and req.from_level != AFTER_3E_LEVEL:
        # a closed diploma whose successor starts too: left out, said (closed_start.py)
        pdata = data if data is not None else pathway_data(store)
        start_codes, replaced = replaced_starts(
            start_codes, lambda codes: pdata.diplomas(store, codes)
        )
    to = req.to.upper() if req.to else None
    goal_notice = None
    if to and to not in start_codes:  # the start itself asked as the goal: met (goal_met.py)
        # a closed goal: said, and the answer is for its one open successor (closed_start.py)
        gdata = data if data is not None else pathway_data(store)
        if (goal := gdata.diplomas(store, [to]).get(to)) is not None and goal.get("closed"):
            # the cache keeps no closing date for a closed diploma: its year read here
            day = [r["closing_date"] for r in store.read("diploma_closing_date", code=to)]
            goal = {**goal, "closing_date": day[0] if day else None}
            renewed, goal_notice = closed_goal(goal, lambda codes: gdata.diplomas(store, codes))
            to = renewed or to
    return PathwayQuery(
        start_codes=start_codes,
        start_label=start_label,
        start_name=diploma_prose_name(store, req.from_.upper(), data) if req.from_ else None,
        start_notice=start_notice,
        replaced=replaced,
        start_level=req.from_level,
        entry_codes=entry_codes,
        by_level=req.from_level is not None,
        to=to,
        to_label=goal_diploma_label(store, to, data) if to else None,
        to_name=diploma_prose_name(store, to, data) if to else None,
        goal_notice=goal_notice,
        to_type=req.to_type,
        to_level=req.to_level,
        sector=goal_sector,
        start_sector=req.sector if req.from_level is not None else None,
        sector_label=goal_label
        or (kept_sector_label(store, goal_sector, data) if goal_sector else None),
        home=home,
        start_departements=start_departements,
        territory=terr,
        allow_outside=req.allow_outside,
        modality=None if req.modality == "any" else Modality(req.modality),
        max_steps=req.max_steps,
        limit=req.limit,
    )


def field_start_refusal(field: str, level: int | None) -> str:
    """Why a field of training (« nsf-312 ») chooses no start of ``level`` above the end of 3e,
    and what to change, in plain French.

    >>> print(field_start_refusal("Commerce, vente", 4))
    Un domaine de formation (ici « Commerce, vente ») ne sert à choisir le départ que depuis la fin de 3e. Pour un départ de niveau 4, indiquez plutôt le diplôme obtenu, ou une filière de campus ou un métier à la place du domaine, ou retirez le domaine.
    """  # noqa: E501
    of_level = f" de niveau {level}" if level else ""
    return (
        f"Un domaine de formation (ici « {field} ») ne sert à choisir le départ que depuis la "
        f"fin de 3e. Pour un départ{of_level}, indiquez plutôt le diplôme obtenu, ou une "
        "filière de campus ou un métier à la place du domaine, ou retirez le domaine."
    )


def territory_departements(territory: Territory) -> frozenset[str]:
    """The départements a territory names by itself (its départements, its région's), which
    settle a home name several communes share (« Saint-Denis » with the 93); none for a
    campus or a radius, or without the commune reference."""
    found = set(territory.departements or ())
    if territory.region:
        with contextlib.suppress(communes.ReferenceMissing):
            found |= communes.reference().region_departements(territory.region)
    return frozenset(found)


def learner_departements(
    store: GraphStore, home: Point | None, territory: Territory
) -> list[str] | None:
    """Where the learner holds the start diploma: the département of their home, else the
    territory's départements (its région's, its campus's, the one at its centre); None when the
    request says nothing of a place. A leg tied to a campus programme's territory holds from the
    start only there (docs/inferred-passerelles.md, « Campus programmes »)."""
    try:
        ref = communes.reference()
    except communes.ReferenceMissing:
        ref = None
    if home is not None and ref is not None:
        dep = ref.departement_at(home.lat, home.lon)
        return [departement_code(dep)] if dep else None
    if territory.departements:
        return list(territory.departements)
    if territory.campus:
        found = store.read("campus_exists", id=territory.campus)
        if found and found[0].get("departements"):
            return list(found[0]["departements"])
    if ref is None:
        return None
    if territory.region:
        return sorted(departement_code(d) for d in ref.region_departements(territory.region))
    if territory.near is not None:
        dep = ref.departement_at(territory.near.lat, territory.near.lon)
        return [departement_code(dep)] if dep else None
    return None


def resolve_start(
    store: GraphStore,
    *,
    code: str | None,
    level: int | None,
    sector: str | None,
    data: PathwayData | None = None,
) -> tuple[list[str], str]:
    """Start codes and a label; unknown code -> NotFound with close matches."""
    data = data if data is not None else pathway_data(store)
    if code:
        found = data.diplomas(store, [code])
        if code not in found:
            raise NotFound("diploma", code, suggest_diplomas(store, code))
        if is_unspecified_diploma(found[code]):
            raise InvalidRequest(
                "Ce code ne désigne pas un diplôme : la nomenclature des diplômes l'emploie "
                "pour une « formation non spécifiée ». Choisissez le diplôme préparé, ou "
                "partez d'un niveau."
            )
        return [code], with_code(found[code], code)
    assert level is not None
    if level == AFTER_3E_LEVEL:  # no diploma held: the search starts before the first step
        return [AFTER_3E_CODE], AFTER_3E_LABEL
    # kept for the graph's version: 400-500 codes at national size, the same for every
    # question from that level
    codes = data.kept(
        ("starts", level, sector),
        lambda: [
            r["code"] for r in store.read("diplomas_by_level_sector", level=level, sector=sector)
        ],
    )
    label = f"niveau {level}"
    if sector:
        label += f", {kept_sector_label(store, sector, data)}"
    return list(codes), label


def _sector_starts(
    store: GraphStore,
    data: PathwayData | None,
    level: int,
    sector: str,
    territory: Territory,
    level_codes: list[str] | None = None,
) -> tuple[list[str], str | None]:
    """The diplomas of the level a start in ``sector`` holds in the territory, and the notice
    saying they come from public links only (:mod:`graph.pathways.start_scope`: a campus's
    tags decide no field outside its territory); what is read is kept per graph version.
    ``level_codes``: the diplomas to choose from, when not the level's (the programmes
    entered after 3e, :func:`after_3e_entries`)."""
    data = data if data is not None else pathway_data(store)
    if level_codes is None:
        level_codes = data.kept(
            ("starts", level, None),
            lambda: [
                r["code"] for r in store.read("diplomas_by_level_sector", level=level, sector=None)
            ],
        )
    campuses = data.kept("campuses", lambda: store.read("gaps_campuses"))
    names = {str(c["id"]): str(c.get("short_name") or c.get("name") or c["id"]) for c in campuses}
    local = campuses_of_territory(campuses, territory)
    sectors = data.kept("sectors", lambda: store.read("gaps_sectors"))
    basis = foreign_basis(sectors, sector, local, names)
    codes, goal = start_codes_in(level_codes, data.sector_links(store, sector), local, basis)
    if not codes and basis is not None and (refused := basis_refusal(basis)):
        raise InvalidRequest(refused)
    of_level = set(level_codes)
    aside = data.diplomas(store, sorted(c for c in goal.set_aside if c in of_level)).values()
    aside_names = sorted(display_name(d) for d in aside)
    label = kept_sector_label(store, sector, data)
    return codes, start_scope_notice(
        goal, label, of_level, names, aside_names, after_3e=level == AFTER_3E_LEVEL
    )


def after_3e_entries(
    store: GraphStore, data: PathwayData | None, sector: str, territory: Territory
) -> tuple[list[str], str, str | None]:
    """From the end of 3e in a field (``from_level=2`` + ``sector``: « les formations
    agricoles après la 3e »): the programmes entered after 3e (graph/pathways/after_3e.py)
    the first step may be, how the start names the field, and the notice of
    :func:`_sector_starts`. A field of training (``nsf-211``, graph/nsf.py) keeps those whose
    diploma is of that NSF group, as /gaps and the map read it; a filière or a ROME code,
    those tied to it as a start in a field is (:mod:`graph.pathways.start_scope`: a campus's
    ties only in its territory, else the public files' links). An unknown sector is refused
    as the other starts refuse it; none in the field, in French: « Aucune formation ouverte
    après la 3e … ». The pupil still holds no diploma: the field chooses the first step only."""
    data = data if data is not None else pathway_data(store)
    entries = kept_entries(store, data)
    code = field_code(sector)
    if code is not None:
        name = nsf_name(code)
        if name is None:
            raise unknown_sector(store, sector)
        found = data.diplomas(store, entries)
        codes = [c for c in entries if (d := found.get(c)) is not None and d.get("nsf") == code]
        label, notice = f"domaine de formation « {name} »", None
    else:
        label = kept_sector_label(store, sector, data)
        if label == UNKNOWN_SECTOR:  # a field of training may be chosen here: suggested too
            raise unknown_sector(store, sector)
        codes, notice = _sector_starts(store, data, AFTER_3E_LEVEL, sector, territory, entries)
    # a closed programme of the field is entered as its successor (the search's rule)
    closed = data.diplomas(store, codes)
    codes += [
        s
        for c in list(codes)
        if (d := closed.get(c)) and d.get("closed")
        for s in d.get("successors") or []
        if s not in codes
    ]
    if not codes:
        raise InvalidRequest(
            f"Aucune formation ouverte après la 3e pour le {label} dans les données : "
            "choisissez un autre secteur, ou partez de la fin de 3e sans secteur."
        )
    return codes, label, notice


def goal_diploma_label(store: GraphStore, code: str, data: PathwayData | None) -> str | None:
    """The goal diploma by its name and code, as the start is; None when the graph does not
    hold it (the answer then says the code)."""
    data = data if data is not None else pathway_data(store)
    found = data.diplomas(store, [code])
    return with_code(found[code], code) if code in found else None


def diploma_prose_name(store: GraphStore, code: str, data: PathwayData | None) -> str | None:
    """A diploma as a sentence names it: its name, never its code (« Aucune passerelle connue
    ne mène du Bac pro MELEC … », not « … MELEC (40025520) »); None when the graph does not
    hold it. The API's `start` and `goal` fields keep the code (:func:`with_code`)."""
    data = data if data is not None else pathway_data(store)
    found = data.diplomas(store, [code])
    return display_name(found[code]) if code in found else None


UNKNOWN_SECTOR = "métier choisi"  # sector_label of what names no sector nor ROME code


def kept_rome_jobs(store: GraphStore, data: PathwayData | None) -> list[RomeJob]:
    """The ROME jobs the graph names (graph/rome_jobs.py), read once per graph version (the
    same list each time: its search index is kept with it)."""
    data = data if data is not None else pathway_data(store)
    return data.kept(  # type: ignore[no-any-return]
        "rome_jobs",
        lambda: rome_jobs(store.read("rome_jobs"), kept_job_reference(store, data)),
    )


def kept_job_reference(store: GraphStore, data: PathwayData | None) -> list[dict[str, object]]:
    """The ROME job reference the national import wrote (``Job`` nodes; none before it)."""
    data = data if data is not None else pathway_data(store)
    return data.kept("jobs_reference", lambda: store.read("jobs_reference"))  # type: ignore[no-any-return]


def goal_job(store: GraphStore, job: str, data: PathwayData | None) -> tuple[str, str | None]:
    """The goal job as the search reads it, and how the answer names it when not as the code
    it searches (None: :func:`sector_label`'s): a sector id or a ROME code the graph knows as it
    is; a code the ROME reference files under another code, that code (« F1619 » is « Couvreur
    / Couvreuse, rattaché au code ROME F1610 »); words, the one ROME job the graph names so
    (graph/rome_jobs.py). A ROME code the graph does not know -> NotFound (« Code métier
    inconnu » when the graph holds the ROME reference); a job of the reference no diploma
    trains for -> UntrainedJob (« Métier connu … mais aucune formation des données n'y
    prépare »); words naming several jobs, or only spelt close to some names (« viticulteur »
    is not « Aviculteur »), -> InvalidRequest listing them; none -> NotFound with the close
    names (« soudeur » was read as an unknown sector, and the answer said no diploma prepares
    for the « métier choisi »)."""
    if kept_sector_label(store, job, data) != UNKNOWN_SECTOR:
        return job, None
    jobs = kept_rome_jobs(store, data)
    if _ROME.match(job):
        found = find_jobs(jobs, job)
        if not found:
            raise NotFound("job_code" if kept_job_reference(store, data) else "job", job)
        return _trained(store, data, found[0], job)
    one, close = job_for_words(jobs, job)
    if one is not None:
        code, label = _trained(store, data, one, one.code)
        if named := named_by(one, job):  # a name of metier.csv: said with its job's own
            label = f"métier ROME {code} ({named[0]}, un des noms du métier {named[1]})"
        return code, label
    # a job found by another of its names (metier.csv) says which (« appellation : … »)
    listed = " ; ".join(choice_for(j, job) for j in close)
    if close and find_jobs(jobs, job, limit=1, close=False):  # the words name several jobs
        raise InvalidRequest(
            f"« {job} » désigne plusieurs métiers : choisissez-en un par son code ROME "
            f"(« job ») : {listed}."
        )
    if close and find_jobs(jobs, job, limit=1):  # names spelt close to the words, never taken
        raise InvalidRequest(
            f"Aucun métier des données ne porte le nom « {job} » ; noms proches : "
            f"{listed}. Choisissez-en un par son code ROME (« job ») ou précisez les mots."
        )
    raise NotFound("job", job, [j.choice for j in close])


def _trained(
    store: GraphStore, data: PathwayData | None, job: RomeJob, asked: str
) -> tuple[str, str | None]:
    """``job`` (asked as the code ``asked``: its own or one filed under it) as a goal, when
    something of the graph trains for it; else UntrainedJob."""
    if kept_sector_label(store, job.code, data) == UNKNOWN_SECTOR:
        raise UntrainedJob(asked, job.named(asked))
    if asked != job.code:
        return job.code, f"métier ROME {asked} ({job.named(asked)})"
    return job.code, None


def kept_sector_label(store: GraphStore, sector: str, data: PathwayData | None) -> str:
    """:func:`sector_label`, read once per graph version."""
    data = data if data is not None else pathway_data(store)
    return str(data.kept(("sector_label", sector), lambda: sector_label(store, sector)))


def sector_label(store: GraphStore, sector: str) -> str:
    """A sector as users read it: its name, « métier ROME G1602 (Commis / Commise de
    cuisine) » for a ROME code (without the name when no imported file gives it), never its
    internal id."""
    rows = store.read("sector_label", sector=sector)
    row = rows[0] if rows else {}
    if row.get("name"):
        return f"secteur {row['name']}"
    if row.get("rome") or row.get("trained") or row.get("job"):
        # a ROME code is a job whether or not a seed sector lists it: the national import
        # ties diplomas to it by their Certif Info jobs, and names it (rome.csv); a code
        # neither ties to anything (H9999) is unknown
        return f"métier ROME {sector} ({row['job']})" if row.get("job") else f"métier ROME {sector}"
    return UNKNOWN_SECTOR
