"""Pydantic models of what the graph layer returns (and the API serves)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.citations import public_source
from graph.departements import InseeDepartement, InseeDepartements
from graph.diploma_names import closed_note, name_note, readable

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class FactOut(Out):
    topic: str
    text: str
    source: str


class Page(Out, Generic[T]):
    total: int = Field(description="Items matching the filters, all pages together.")
    offset: int
    limit: int
    items: list[T]


class CampusBase(Out):
    id: str
    name: str
    short_name: str
    academie: str | None = None
    region: str | None = None
    region_code: str | None = None
    departements: InseeDepartements = []
    industry: str
    label_status: str | None = None
    source: str


class CampusSummary(CampusBase):
    members: int = Field(description="Actors with a role in the campus (MEMBER_OF).")
    actors: int = Field(description="Actors named by the campus's data, members or not.")
    offers: int
    min_level: int | None = None
    max_level: int | None = None


class MemberOut(Out):
    id: str
    name: str
    kind: str
    role: str | None = None
    commune: str | None = None
    departement: InseeDepartement | None = None


class SectorOut(Out):
    id: str
    name: str
    kind: str | None = None
    rome: list[str] = []
    nsf: list[str] = []
    local_training_note: str | None = None
    source: str | None = None


class DemandOut(Out):
    sector: str
    sector_name: str
    period: str
    count: int
    share: float | None = None
    note: str | None = None
    source: str


class CampusFigureOut(Out):
    """A campus-wide figure: a fact of the campus, attached to no pair of diplomas."""

    kind: str = Field(description="entrant_share, reserved_share or rate")
    value: float
    from_types: list[str]
    to_types: list[str] = []
    to: list[str] = []
    text: str
    source: str


class CampusDetail(CampusBase):
    description: str | None = None
    facts: list[FactOut] = []
    figures: list[CampusFigureOut] = []
    members: list[MemberOut]
    sectors: list[SectorOut]
    demand: list[DemandOut]


class ActorSummary(Out):
    id: str
    name: str
    kind: str
    uai: str | None = None
    commune: str | None = None
    commune_from: str | None = Field(
        default=None,
        description="How the import found the commune when no file names it: `contour` (the "
        "commune whose IGN contour holds the establishment's position, clear of its border: "
        "said as its commune), `coordinates` (deduced from the position only, near a "
        "border or from the nearest centre: said « près de » that commune, not a fact), "
        "`centre` (the nearest centre, within 1 km), `name` (the commune its name gives); "
        "None when a file names it (graph/commune_contours.py, "
        "graph/ingest/opendata/named_commune.py).",
    )
    insee: str | None = Field(
        default=None,
        description="INSEE code of its commune. With `commune_from` `coordinates` it is "
        "deduced from the position: the establishment may lie in a neighbouring commune, so "
        "do not join it with registers as a fact of the files.",
    )
    departement: InseeDepartement | None = None
    lat: float | None = None
    lon: float | None = None
    campuses: list[str] = []
    boarding_places: int | None = None


class MembershipOut(Out):
    campus: str
    name: str
    role: str | None = None
    source: str | None = None


# An offer's commune is its establishment's when no file names the offer's own: said the same
# way (the Lycée professionnel Guynemer, placed by Parcoursup's coordinates only, 1.6 km from
# Bidos's town hall, is « près de Bidos », not « à Bidos »)
_OFFER_COMMUNE_FROM = (
    "How the import found the offer's commune when it is its establishment's and no file names "
    "it (as an actor's `commune_from`): `coordinates` means only « près de » the commune "
    "(deduced from the position), `contour`, `centre` and `name` a commune deduced, not "
    "stated by a file; None when a file names it (graph/place_precision.py)."
)


class ActorOfferOut(Out):
    diploma: str
    name: str = Field(description="The diploma's name as people write it (graph/diploma_names.py).")
    source_name: str | None = Field(
        default=None, description="The name as the graph stores it (its sources' text)."
    )
    type: str
    level: int | None = None
    modality: str | None = None
    status: str
    capacity: int | None = None
    year: int | None = None
    site: str | None = None
    commune: str | None = None
    commune_from: str | None = Field(default=None, description=_OFFER_COMMUNE_FROM)
    source: str
    renewed_from: list[str] = Field(
        default=[],
        description="For an offer presumed from its closed predecessor's (status renewed): the "
        "old codes the files list it under; their own offers are not listed beside it.",
    )
    note: str | None = Field(
        default=None,
        description="For an offer of a diploma the BCN closed (status closed), in French: when "
        "and by what it was replaced (« fermé en 2021, remplacé par … »). An offer of a closed "
        "diploma whose successor the establishment offers in the same modality is not listed.",
    )


class PartnerOut(Out):
    id: str
    name: str
    kind: str
    partnership: str
    status: str | None = None
    description: str | None = None
    source: str


class Ref(Out):
    id: str
    name: str
    kind: str | None = None


class PasserelleRef(Out):
    id: str
    kind: str
    from_codes: list[str]
    to_codes: list[str]
    reserved_share: float | None = None
    entrant_share: float | None = None


class ActorDetail(ActorSummary):
    siret: str | None = None
    public: bool | None = None
    greta: bool = Field(
        default=False,
        description="The Annuaire de l'éducation flags it « GRETA » (fr-en-annuaire-education.csv, "
        "its GRETA column): one of the establishments to ask about continuing education.",
    )
    url: str | None = None
    description: str | None = None
    source: str
    field_sources: dict[str, str] = {}
    facts: list[FactOut] = []
    memberships: list[MembershipOut]
    offers: list[ActorOfferOut]
    partners: list[PartnerOut]
    platforms: list[Ref]
    parents: list[Ref]
    children: list[Ref]
    sectors: list[Ref]
    passerelles: list[PasserelleRef]


class SiteOut(Out):
    insee: str
    name: str
    departement: InseeDepartement
    region_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    source: str
    facts: list[FactOut] = []
    actors: int


class DiplomaSummary(Out):
    code: str
    name: str = Field(description="As people write it (graph/diploma_names.py).")
    source_name: str | None = Field(
        default=None, description="The name as the graph stores it (its sources' text)."
    )
    type: str
    level: int | None = None
    nsf: str | None = None
    nsf_groups: list[str] = Field(
        default=[],
        description="The NSF groups of its parcours when the BCN classes them apart (BUT GEII: "
        "201, 250, 326); nsf is then None. Both empty: the files do not give its field.",
    )
    rncp: str | None = None
    offers: int = Field(
        description="Its offers in the graph; in the search, a closed diploma's without those "
        "now its successor's (`carried`)."
    )
    carried: int = Field(
        default=0,
        description="In the search: the closed diploma's offers at establishments that offer "
        "its successor, which the import carries to that successor (said in `note`).",
    )
    closed: bool = Field(default=False, description="The BCN closed this diploma.")
    replaced_by: list[str] = Field(
        default=[], description="Codes of the diplomas that replaced it (BCN renovation)."
    )
    note: str | None = Field(
        default=None,
        description="French, beside the name: « fermé en 2025, remplacé par … » (with, in "
        "the search, its offers counted for its successor), « fermeture prévue en 2027, "
        "remplacé par … » for a diploma the BCN closes later, or that a Parcoursup title has "
        "no diploma code.",
    )

    @classmethod
    def of(cls, row: dict[str, Any]) -> DiplomaSummary:
        """From a row of ``diplomas_list`` / ``diplomas_search_index``: the name as people
        write it, and what must be said beside it."""
        successors = [s for s in row.get("successors") or [] if s]
        return cls(
            **{
                k: v
                for k, v in readable(row).items()
                if k not in ("closed", "successors", "nsf_groups")
            },
            nsf_groups=list(row.get("nsf_groups") or []),
            closed=bool(row.get("closed")),
            replaced_by=sorted(s["code"] for s in successors),
            note=closed_note(row, successors) or name_note(row),
        )


class DiplomaOfferOut(Out):
    actor: str
    name: str
    kind: str
    modality: str | None = None
    status: str
    capacity: int | None = None
    year: int | None = None
    site: str | None = None
    commune: str | None = None
    commune_from: str | None = Field(default=None, description=_OFFER_COMMUNE_FROM)
    departement: InseeDepartement | None = None
    lat: float | None = None
    lon: float | None = None
    source: str


class DiplomaLink(Out):
    code: str
    name: str = Field(description="As people write it (graph/diploma_names.py).")
    source_name: str | None = Field(
        default=None, description="The name as the graph stores it (its sources' text)."
    )
    type: str
    level: int | None = None
    passerelle: str = Field(
        description="The most telling passerelle: documented first, then one that holds everywhere."
    )
    kind: str
    origin: str | None = None
    passerelles: list[str] = Field(
        default=[], description="Every passerelle between the two diplomas (one entry each)."
    )
    campus: str | None = Field(
        default=None,
        description="The short name of the campus it is a fact of (documenting it, or whose "
        "own programme it leads to); none for a passerelle of all France.",
    )
    where: str | None = Field(
        default=None,
        description="Where it holds, in French (« Documentée par le CMQ … : vaut dans … »); "
        "none when it holds all over France.",
    )


class DiplomaRef(Out):
    code: str
    name: str = Field(description="As people write it (graph/diploma_names.py).")
    source_name: str | None = Field(
        default=None, description="The name as the graph stores it (its sources' text)."
    )
    type: str
    level: int | None = None


class DiplomaDetail(Out):
    code: str
    name: str = Field(description="As people write it (graph/diploma_names.py).")
    source_name: str | None = Field(
        default=None, description="The name as the graph stores it (its sources' text)."
    )
    type: str
    level: int | None = None
    nsf: str | None = None
    rncp: str | None = None
    description: str | None = None
    source: str
    field_sources: dict[str, str] = {}
    official_name: str | None = Field(
        None,
        description="The BCN's text (upper case, no accents) where `name` is a readable label.",
    )
    rome_codes: list[str] = Field([], description="ROME job codes (Certif Info).")
    rome_labels: list[str] = Field(
        [],
        description="The names of the ROME codes' jobs, in their order (rome.csv; a code's "
        "job names joined by « ; »; '' if none).",
    )
    formacodes: list[str] = Field([], description="Formacode codes (Certif Info).")
    formacode_labels: list[str] = []
    rncp_codes: list[str] = Field(
        [], description="RNCP codes (Certif Info, diplomesProfessionnels)."
    )
    rs_codes: list[str] = Field([], description="Répertoire spécifique codes (Certif Info).")
    certif_type: str | None = Field(None, description="Certification type (Certif Info).")
    cpc: str | None = Field(None, description="Commission professionnelle consultative.")
    cpc_secteur: str | None = None
    famille_metiers: str | None = Field(None, description="Famille de métiers (2nde pro).")
    programme_kind: str | None = Field(
        None, description="Kind of a Parcoursup programme no BCN code describes (PS-… codes)."
    )
    entry_level: int | None = Field(
        None, description="Level a student enters with (4: after the bac, Parcoursup)."
    )
    admits_bac2: bool | None = Field(
        None, description="The programme's kind also admits after two years of higher education."
    )
    offers: list[DiplomaOfferOut]
    next: list[DiplomaLink]
    previous: list[DiplomaLink]
    sectors: list[Ref]
    closed: bool = Field(default=False, description="The BCN closed this diploma.")
    replaced_by: list[str] = Field(
        default=[], description="Codes of the diplomas that replaced it (BCN renovation)."
    )
    successors: list[DiplomaRef] = Field(
        default=[], description="The diplomas that replaced it, named (BCN renovation)."
    )
    predecessors: list[DiplomaRef] = Field(
        default=[], description="The closed diplomas it replaced (BCN renovation)."
    )
    note: str | None = Field(
        default=None,
        description="French, beside the name, as in the search: « fermé en 2025, remplacé "
        "par … », « fermeture prévue en 2027, remplacé par … » for a diploma the BCN closes "
        "later, or that a Parcoursup title has no diploma code.",
    )


class PlatformOut(Out):
    id: str
    name: str
    kind: str
    description: str | None = None
    commune: str | None = None
    insee: str | None = None
    departement: InseeDepartement | None = None
    lat: float | None = None
    lon: float | None = None
    campuses: list[str] = []
    source: str
    facts: list[FactOut] = []
    hosts: list[Ref] = []
    sectors: list[str] = []


class PasserelleOut(Out):
    id: str
    kind: str
    origin: str
    scope: str | None = Field(
        default=None,
        description="Documented passerelles: where they hold — 'actors' (the establishments "
        "named), 'campus', 'territory' (the départements named) or 'national'.",
    )
    scope_actors: list[str] = []
    scope_departements: InseeDepartements = []
    campus: str | None = None
    rate: float | None = None
    entrant_share: float | None = None
    reserved_share: float | None = None
    conditions: str | None = None
    modality: str | None = None
    description: str | None = None
    from_codes: list[str]
    to_codes: list[str]
    parties: list[str] = []
    rule: str | None = Field(
        default=None,
        description="For inferred passerelles: the rule's stable id (its French wording is "
        "`conditions`).",
    )
    source: str = Field(
        description="The fact's source as stored (« inferred by rule <rule> over <files> » for "
        "an inferred one; no repository page: graph.citations.public_source)."
    )

    @field_validator("source")
    @classmethod
    def _public(cls, value: str) -> str:
        return public_source(value)


class PasserelleDetail(PasserelleOut):
    from_diplomas: list[DiplomaRef]
    to_diplomas: list[DiplomaRef]
    party_actors: list[Ref]


class PathwayCache(Out):
    state: str = Field(
        description="'ready' (filled for the current graph), 'filling' (a background preload "
        "is running), 'lazy' (filled by searches as they go) or 'off' (the engine gives no "
        "graph version: Neo4j)."
    )
    version: str | None = None
    diplomas: int = Field(0, description="Diplomas whose legs and offers are in memory.")
    filled_s: float | None = Field(None, description="How long the last preload took.")
    filled_cpu_s: float | None = Field(
        None,
        description="The CPU seconds of the last preload's thread (the wall time less "
        "the waits for the database and for a core).",
    )
    filled_from: str | None = Field(
        None,
        description="What the last preload read: 'database', or 'snapshot' (the cache of the "
        "same graph version written to the data directory by an earlier preload).",
    )


class VersionWatchState(Out):
    """The server's watch of the graph version (graph/version_watch.py)."""

    interval_s: float = Field(description="How often the version is read.")
    version: str | None = Field(None, description="The last version it saw.")
    changes: int = Field(0, description="Changes it noticed since the server started.")


class Health(Out):
    status: str
    engine: str
    database: str
    detail: str | None = None
    nodes: dict[str, int] = {}
    pathway_cache: PathwayCache | None = None
    version_watch: VersionWatchState | None = Field(
        None, description="None when the server does not watch (CMQ_VERSION_POLL_S=0)."
    )


def drop_nulls(items: list[Any]) -> list[Any]:
    """Drop the entries an OPTIONAL MATCH that found nothing leaves in a collect().

    Neo4j projects a null node to null (which collect skips); FalkorDB projects it to a map of
    nulls. Both shapes are removed here so the queries stay portable.
    """
    return [
        i
        for i in items
        if i is not None and not (isinstance(i, dict) and all(v is None for v in i.values()))
    ]
