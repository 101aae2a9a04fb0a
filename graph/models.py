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


class PasserelleKind(StrEnum):
    CONTINUATION = "continuation"  # poursuite d'études to the next level
    REORIENTATION = "reorientation"  # change of programme; may keep or lower the level
    VAE = "vae"  # validation des acquis de l'expérience
    SKILLS_BLOCK = "skills_block"  # certification by blocks of skills


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

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$", strip_whitespace=True)]
"""Slug ids for campuses, actors, platforms, sectors and passerelles."""
DiplomaCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]{2,39}$", strip_whitespace=True)
]
"""BCN CFD (8 characters) where known, else an upper-case slug such as ``MV-LP-QUALITE``."""
Insee = Annotated[str, StringConstraints(pattern=r"^(\d{5}|2[AB]\d{3})$")]
Departement = Annotated[str, StringConstraints(pattern=r"^(\d{3}|02[AB]|97\d)$")]
Uai = Annotated[str, StringConstraints(pattern=r"^\d{7}[A-Z]$|^0\d[AB]\d{4}[A-Z]$")]
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
    conditions: Text | None = None
    modality: Modality | None = None
    parties: list[Id] = Field(default_factory=list)
    description: Text | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


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
    """One campus: the whole content of one seed file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    campus: CampusRecord
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


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug, used for generated ids."""
    from graph.text import normalise

    return _SLUG_RE.sub("-", normalise(text)).strip("-")
