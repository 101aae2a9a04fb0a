"""The graph model: closed vocabularies and the records of a seed file.

Every label, relationship type and enumerated value the product writes comes from this module, so
that nothing a user types can ever become a label or a type in a query (see docs/model.md).

A seed file is one campus. Its records are validated here before anything touches the database:
``SeedFile.model_validate`` raises pydantic errors whose ``loc`` names the record and the field,
and :func:`graph.ingest.seeds.load_seed_dir` turns them into messages naming the file as well.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# --- closed vocabularies ---------------------------------------------------------------------


class Label(StrEnum):
    """Node labels. The only labels any query may name."""

    CAMPUS = "Campus"
    ACTOR = "Actor"
    SITE = "Site"
    DIPLOMA = "Diploma"
    PLATFORM = "Platform"
    SECTOR = "Sector"
    PASSERELLE = "Passerelle"
    CHANGE = "Change"  # the audit log of edits made through the API
    JOB = "Job"  # the ROME job reference (rome.csv, metier.csv), written by the national import


class InternalLabel(StrEnum):
    """Labels of bookkeeping nodes, not data: never exported, counted, restored or shown.

    ``GraphLog``: on Neo4j, what the recent edits touched, written in each edit's transaction
    (graph/touched.py; FalkorDB keeps the same log in Redis, beside the graph).
    """

    GRAPH_LOG = "GraphLog"


class RelType(StrEnum):
    """Relationship types. The only types any query may name."""

    MEMBER_OF = "MEMBER_OF"  # Actor -> Campus {role}
    LOCATED_IN = "LOCATED_IN"  # Actor|Platform -> Site
    OFFERS = "OFFERS"  # Actor -> Diploma {site, modality, capacity, status, year}
    LEADS_TO = "LEADS_TO"  # Diploma -> Diploma, one per (from, to) pair of a Passerelle
    FROM_DIPLOMA = "FROM_DIPLOMA"  # Passerelle -> Diploma
    TO_DIPLOMA = "TO_DIPLOMA"  # Passerelle -> Diploma
    BINDS = "BINDS"  # Passerelle -> Actor (parties to an agreement)
    HOSTS = "HOSTS"  # Actor -> Platform
    PARTNERS_WITH = "PARTNERS_WITH"  # Actor -> Actor {kind}
    PART_OF = "PART_OF"  # Actor -> Actor (IUT part of a university, lab of a school)
    TRAINS_FOR = "TRAINS_FOR"  # Diploma -> Sector
    WORKS_ON = "WORKS_ON"  # Actor|Platform -> Sector
    COVERS = "COVERS"  # Campus -> Sector
    HAS_DEMAND = "HAS_DEMAND"  # Campus -> Sector {period, count, share}
    TRANSPORT_LINK = "TRANSPORT_LINK"  # Site -> Site {mode, quality}
    RENAMED_TO = "RENAMED_TO"  # Diploma -> Diploma, BCN renovation lineage (old -> new)


class ActorKind(StrEnum):
    LYCEE = "lycee"
    LYCEE_AGRICOLE = "lycee_agricole"
    CFA = "cfa"
    GRETA = "greta"
    IUT = "iut"
    UNIVERSITY = "university"
    ENGINEERING_SCHOOL = "engineering_school"
    HIGHER_EDUCATION = "higher_education"  # other higher-education schools (IFSI, ESPE…)
    TRAINING_CENTRE = "training_centre"  # Perform, branch training centres, AFPA…
    COMPANY = "company"
    CLUSTER = "cluster"
    COMPETITIVENESS_POLE = "competitiveness_pole"
    RESEARCH_LAB = "research_lab"
    RESEARCH_BODY = "research_body"  # CEA and other research organisations
    CHAMBER = "chamber"  # CCI, chambre de métiers
    PROFESSIONAL_BRANCH = "professional_branch"  # UIMM, OPCO, federations
    PUBLIC_BODY = "public_body"  # rectorat, région, DASEN, SPEP, agencies
    ORIENTATION_SERVICE = "orientation_service"  # CIO, MCEF, mission locale
    ASSOCIATION = "association"
    FUNDER = "funder"
    OTHER = "other"
    # an establishment the public files give offers for but no kind (graph/ingest/opendata/
    # unnamed.py): « type non précisé », not « autre »
    UNSPECIFIED = "unspecified"


SCHOOL_KINDS = frozenset(
    {
        ActorKind.LYCEE,
        ActorKind.LYCEE_AGRICOLE,
        ActorKind.CFA,
        ActorKind.GRETA,
        ActorKind.IUT,
        ActorKind.UNIVERSITY,
        ActorKind.ENGINEERING_SCHOOL,
        ActorKind.HIGHER_EDUCATION,
        ActorKind.TRAINING_CENTRE,
    }
)


class DiplomaType(StrEnum):
    CAP = "cap"
    BAC_PRO = "bac_pro"
    BAC_TECHNO = "bac_techno"
    BAC_GENERAL = "bac_general"
    BP = "bp"
    MC = "mc"
    BTS = "bts"
    DUT = "dut"
    BUT = "but"
    LICENCE = "licence"
    LICENCE_PRO = "licence_pro"
    MASTER = "master"
    MASTERE_SPECIALISE = "mastere_specialise"
    INGENIEUR = "ingenieur"
    CPGE = "cpge"
    CQPM = "cqpm"
    FCIL = "fcil"
    TITRE_PRO = "titre_pro"
    DU = "du"
    OTHER = "other"


class Modality(StrEnum):
    SCHOOL = "school"  # statut scolaire / étudiant
    APPRENTICESHIP = "apprenticeship"
    CONTINUING = "continuing"  # formation continue (GRETA, adults)


class OfferStatus(StrEnum):
    OPEN = "open"
    PLANNED = "planned"
    CLOSED = "closed"  # offered once (a source says so), no longer: e.g. its diploma left the BCN


# OFFERS.status values of a programme that runs: « renewed » is set by the import only, for an
# offer presumed from the closed diploma a renovated one replaces (graph.ingest.opendata.renewal)
OPEN_STATUSES = frozenset({OfferStatus.OPEN.value, "renewed"})


class PasserelleKind(StrEnum):
    CONTINUATION = "continuation"  # poursuite d'études to the next level
    REORIENTATION = "reorientation"  # change of programme; may keep or lower the level
    VAE = "vae"  # validation des acquis de l'expérience
    SKILLS_BLOCK = "skills_block"  # certification by blocks of skills
    # entry into a programme's later year with a bac+2 (BUT 2nd year, licence pro, engineering
    # school); never documented by the kit's files: inferred
    # (graph/inference/admission_parallele.py)
    ADMISSION_PARALLELE = "admission_parallele"


class PasserelleScope(StrEnum):
    """Where a documented passerelle holds: what its source names (docs/model.md, "Scope")."""

    ACTORS = "actors"  # the establishments the source names (`parties`)
    CAMPUS = "campus"  # the campus of its seed file (its départements and member establishments)
    TERRITORY = "territory"  # the départements the source names (`departements`)
    NATIONAL = "national"  # a usual continuation documented by a public page, valid everywhere


class FigureKind(StrEnum):
    ENTRANT_SHARE = "entrant_share"  # share of the entrants of `to` who come from `from`
    RESERVED_SHARE = "reserved_share"  # share of the places of `to` reserved for `from`
    RATE = "rate"  # share of the holders of `from` who go on to `to`


class PasserelleOrigin(StrEnum):
    DOCUMENTED = "documented"  # stated by a source document
    INFERRED = "inferred"  # derived by a public rule (see docs/inferred-passerelles.md)


class PlatformKind(StrEnum):
    PFT = "pft"
    FABLAB = "fablab"
    PLATEAU_TECHNIQUE = "plateau_technique"
    RESEARCH_PLATFORM = "research_platform"


class PartnershipKind(StrEnum):
    PLACEMENTS = "placements"  # stages, PFMP, apprentices
    RESEARCH = "research"
    FUNDING = "funding"
    CONVENTION = "convention"
    SUPPORT_LETTER = "support_letter"
    MEMBERSHIP = "membership"  # e.g. Mines Albi adhérent of the cluster
    TRAINING = "training"  # joint programmes, co-delivered training
    PROJECT = "project"  # joint project (european, PFT study…)
    GOVERNANCE = "governance"
    COMMUNICATION = "communication"
    INTERNATIONAL = "international"


class TransportMode(StrEnum):
    RAIL = "rail"
    ROAD = "road"
    BUS = "bus"
    SHUTTLE = "shuttle"
    ANY = "any"


# --- seed records ------------------------------------------------------------------------------

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,79}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, strip_whitespace=True)]
"""Slug ids for campuses, actors, platforms, sectors and passerelles."""
DiplomaCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]{2,39}$", strip_whitespace=True)
]
"""BCN CFD (8 characters) where known, else an upper-case slug such as ``MV-LP-QUALITE``."""
INSEE_PATTERN = r"^(\d{5}|2[AB]\d{3})$"
"""A commune's INSEE code: five digits, or 2A/2B and three digits in Corsica."""
Insee = Annotated[str, StringConstraints(pattern=INSEE_PATTERN)]

DEPARTEMENT_PATTERN = r"^(\d{3}|02[AB])$"
"""A département as the graph stores it: the 3-character form of the national files (``012``,
``02A``, ``971``), every code they carry (they also list collectivities such as ``988`` and
pseudo-codes such as ``990``, abroad, which requests never ask for)."""
DEPARTEMENT_INPUT_PATTERN = r"^(0?(0[1-9]|1\d|2[1-9ABab]|[3-8]\d|9[0-5])|97[1-8]|98[4-9])$"
"""A département as people ask for it: metropolitan ``1``–``95`` written with 2 or 3 characters
(``12`` or ``012``; no ``20`` since 1976), Corsica ``2A``/``2B`` (or ``02A``, ``2a``…),
overseas départements and collectivities ``971``–``978`` and ``984``–``989`` (the national
files place communes and schools in 975, 977, 978, 987 and 988 as well as in 971–976)."""
Departement = Annotated[str, StringConstraints(pattern=DEPARTEMENT_PATTERN)]
_DEPARTEMENT_INPUT = re.compile(DEPARTEMENT_INPUT_PATTERN)


def departement_code(value: str) -> str:
    """The stored form of a département code as people write it; ValueError if it is none.

    >>> [departement_code(v) for v in ("12", "012", "2A", "02A", "971", "2b")]
    ['012', '012', '02A', '02A', '971', '02B']
    """
    value = value.upper()  # Corsica as people type it: 2a, 2b
    if not _DEPARTEMENT_INPUT.match(value):
        raise ValueError(f"not a département code: {value!r} (e.g. 12, 46, 2A, 971)")
    return value if len(value) == 3 else "0" + value


UAI_PATTERN = r"^\d{7}[A-Z]$|^0\d[AB]\d{4}[A-Z]$"
"""An establishment's UAI (the national directory's code, e.g. ``0060034E``)."""
Uai = Annotated[str, StringConstraints(pattern=UAI_PATTERN)]
ACTOR_KEY_PATTERN = ID_PATTERN + r"|^\d{7}[A-Za-z]$|^0\d[ABab]\d{4}[A-Za-z]$"
"""How a reader names an actor: its id, or its establishment's UAI in either case (``0060034E``,
``0060034e``) as printed on school documents."""
_UAI_INPUT = re.compile(r"^\d{7}[A-Za-z]$|^0\d[ABab]\d{4}[A-Za-z]$")


def uai_of(key: str) -> str | None:
    """The UAI ``key`` reads as (upper-cased, as the files store it), else None.

    >>> uai_of("0060034e"), uai_of("0060034E"), uai_of("lycee-vauban"), uai_of("uai-0060034e")
    ('0060034E', '0060034E', None, None)
    """
    return key.upper() if _UAI_INPUT.match(key) else None


Rome = Annotated[str, StringConstraints(pattern=r"^[A-N]\d{4}$")]
Nsf = Annotated[str, StringConstraints(pattern=r"^\d{3}$")]
PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
"""No control characters but tab and newlines (a NUL would cut a FalkorDB query): free text."""
Source = Annotated[
    str,
    StringConstraints(min_length=5, max_length=600, strip_whitespace=True, pattern=PRINTABLE),
]
"""A document file name plus a section or a quoted phrase."""
Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000, strip_whitespace=True, pattern=PRINTABLE),
]
Share = Annotated[float, Field(ge=0.0, le=1.0)]


class Record(BaseModel):
    """Base of every seed record: unknown fields are errors, every record has a source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Source
    field_sources: dict[str, Source] = Field(
        default_factory=dict,
        description="Per-field sources where a field comes from another document than `source`.",
    )

    @model_validator(mode="after")
    def _field_sources_name_fields(self) -> Record:
        unknown = set(self.field_sources) - set(type(self).model_fields)
        if unknown:
            raise ValueError(f"field_sources names unknown fields: {sorted(unknown)}")
        return self


class Fact(BaseModel):
    """A sourced fact that is not a graph edge (kept for counsellors and managers)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: Annotated[str, StringConstraints(pattern=r"^[a-z_]{2,40}$")]
    text: Text
    source: Source


class CampusFigure(Record):
    """A figure the source gives for the whole campus, between kinds of diplomas (« 70 % des
    effectifs démarrent le BTS après un Bac Pro »). It is a fact of the campus: it is attached to
    no (from, to) pair of diplomas, because the source names none (docs/model.md, "Scope")."""

    kind: FigureKind
    value: Share
    from_types: list[DiplomaType] = Field(min_length=1)
    to_types: list[DiplomaType] = Field(default_factory=list)
    to: list[DiplomaCode] = Field(
        default_factory=list, description="Only when the source names the target programme."
    )
    text: Text


class CampusRecord(Record):
    id: Id
    name: Text
    short_name: Text
    academie: Text | None = None
    region: Text | None = None
    region_code: Annotated[str, StringConstraints(pattern=r"^\d{2}$")] | None = None
    departements: list[Departement] = Field(default_factory=list)
    industry: Text
    description: Text | None = None
    label_status: Text | None = None
    facts: list[Fact] = Field(default_factory=list)
    figures: list[CampusFigure] = Field(default_factory=list)


class SectorRecord(Record):
    id: Id
    name: Text
    kind: Annotated[str, StringConstraints(pattern=r"^(filiere|job_family|job)$")] = "filiere"
    rome: list[Rome] = Field(default_factory=list)
    nsf: list[Nsf] = Field(default_factory=list)
    local_training_note: Text | None = None


class SiteRecord(Record):
    insee: Insee
    name: Text
    departement: Departement
    region_code: Annotated[str, StringConstraints(pattern=r"^\d{2}$")] | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None
    facts: list[Fact] = Field(default_factory=list)


class ActorRecord(Record):
    id: Id
    name: Text
    kind: ActorKind
    uai: Uai | None = None
    siret: Annotated[str, StringConstraints(pattern=r"^\d{9}(\d{5})?$")] | None = None
    site: Insee | None = None
    public: bool | None = None
    campus_role: Text | None = Field(
        default=None, description="Role in this file's campus; None = named but not a member."
    )
    parent: Id | None = Field(default=None, description="Actor this one is part of (PART_OF).")
    sectors: list[Id] = Field(default_factory=list)
    boarding_places: Annotated[int, Field(ge=0)] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    description: Text | None = None
    facts: list[Fact] = Field(default_factory=list)


class DiplomaRecord(Record):
    code: DiplomaCode
    name: Text
    type: DiplomaType
    level: Annotated[int, Field(ge=3, le=8)] | None = None
    nsf: Nsf | None = None
    rncp: Annotated[str, StringConstraints(pattern=r"^(RNCP)?\d{3,6}$")] | None = None
    sectors: list[Id] = Field(default_factory=list)
    description: Text | None = None


class OfferRecord(Record):
    actor: Id
    diploma: DiplomaCode
    site: Insee | None = Field(default=None, description="Defaults to the actor's site.")
    modality: Modality | None = Field(default=None, description="None: the source does not say.")
    status: OfferStatus = OfferStatus.OPEN
    capacity: Annotated[int, Field(ge=0)] | None = None
    year: Annotated[int, Field(ge=1990, le=2100)] | None = None
    note: Text | None = None


class PlatformRecord(Record):
    id: Id
    name: Text
    kind: PlatformKind
    host: Id | None = None
    site: Insee | None = None
    sectors: list[Id] = Field(default_factory=list)
    description: Text | None = None
    facts: list[Fact] = Field(default_factory=list)


class PasserelleRecord(Record):
    id: Id
    kind: PasserelleKind
    from_: list[DiplomaCode] = Field(alias="from", min_length=1)
    to: list[DiplomaCode] = Field(min_length=1)
    rate: Share | None = Field(default=None, description="Share of `from` holders who take it.")
    entrant_share: Share | None = Field(
        default=None, description="Share of `to` entrants who come from `from`."
    )
    reserved_share: Share | None = Field(default=None, description="Share of `to` places reserved.")
    scope: PasserelleScope = Field(
        default=PasserelleScope.CAMPUS,
        description="Where it holds: the establishments named (`parties`), the campus, the "
        "départements named (`departements`), or everywhere (national table, no [campus]).",
    )
    departements: list[Departement] = Field(
        default_factory=list, description="scope territory: the départements the source names."
    )
    conditions: Text | None = None
    modality: Modality | None = None
    parties: list[Id] = Field(default_factory=list)
    description: Text | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _scope_is_named(self) -> PasserelleRecord:
        if self.scope == PasserelleScope.ACTORS and not self.parties:
            raise ValueError("scope actors: name the establishments in `parties`")
        if self.scope == PasserelleScope.TERRITORY and not self.departements:
            raise ValueError("scope territory: name the départements in `departements`")
        if self.departements and self.scope != PasserelleScope.TERRITORY:
            raise ValueError("`departements` is only for scope territory")
        return self


class PartnershipRecord(Record):
    a: Id
    b: Id
    kind: PartnershipKind
    status: OfferStatus = OfferStatus.OPEN
    description: Text | None = None


class DemandRecord(Record):
    sector: Id
    period: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2})?$")]
    count: Annotated[int, Field(ge=0)]
    share: Share | None = None
    note: Text | None = None


class TransportLinkRecord(Record):
    a: Insee
    b: Insee
    mode: TransportMode
    quality: Annotated[str, StringConstraints(pattern=r"^(easy|difficult|unknown)$")] = "unknown"
    description: Text | None = None


class SeedFile(BaseModel):
    """One seed file: a campus, or (without ``[campus]``) the national table of documented
    continuations, which holds only diplomas and passerelles of national scope."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    campus: CampusRecord | None = None
    sectors: list[SectorRecord] = Field(default_factory=list)
    sites: list[SiteRecord] = Field(default_factory=list)
    actors: list[ActorRecord] = Field(default_factory=list)
    diplomas: list[DiplomaRecord] = Field(default_factory=list)
    offers: list[OfferRecord] = Field(default_factory=list)
    platforms: list[PlatformRecord] = Field(default_factory=list)
    passerelles: list[PasserelleRecord] = Field(default_factory=list)
    partnerships: list[PartnershipRecord] = Field(default_factory=list)
    demand: list[DemandRecord] = Field(default_factory=list)
    transport_links: list[TransportLinkRecord] = Field(default_factory=list)

    @model_validator(mode="after")
    def _scope_matches_file(self) -> SeedFile:
        national = [p.id for p in self.passerelles if p.scope == PasserelleScope.NATIONAL]
        if self.campus is not None:
            if national:
                raise ValueError(
                    f"passerelles {national} have scope national: they belong in a file "
                    "without [campus]"
                )
            return self
        other = [
            name
            for name in (
                "sectors",
                "sites",
                "actors",
                "offers",
                "platforms",
                "partnerships",
                "demand",
                "transport_links",
            )
            if getattr(self, name)
        ]
        if other:
            raise ValueError(
                f"a file without [campus] holds only diplomas and passerelles, not {other}"
            )
        if len(national) != len(self.passerelles):
            raise ValueError("a file without [campus] holds only passerelles of scope national")
        if any(p.parties for p in self.passerelles):
            raise ValueError("a national passerelle binds no party")
        return self


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug, used for generated ids."""
    from graph.text import normalise

    return _SLUG_RE.sub("-", normalise(text)).strip("-")
