"""The vocabulary of the gap report: findings, sections, the kinds of actors they group, and the
small helpers every section shares."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graph.departements import de_place
from graph.models import SCHOOL_KINDS, ActorKind
from graph.text import normalise

Row = dict[str, Any]
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}

LEVELS = (3, 4, 5, 6, 7)
LEVEL_NAMES = {3: "CAP (3)", 4: "Bac (4)", 5: "Bac+2 (5)", 6: "Bac+3 (6)", 7: "Bac+5 (7)"}
SCHOOLS = {k.value for k in SCHOOL_KINDS}
RESEARCH = {ActorKind.RESEARCH_LAB.value, ActorKind.RESEARCH_BODY.value}
COMPANY = ActorKind.COMPANY.value
ECONOMIC = {COMPANY, ActorKind.CLUSTER.value, ActorKind.COMPETITIVENESS_POLE.value}
# Link prediction favours the pairs a campus manager acts on first.
PAIR_WEIGHTS = {
    "economic-school": 1.5,
    "school-research": 1.2,
    "economic-research": 1.0,
    "school-continuation": 0.3,
}
PAIR_LABELS = {
    "economic-school": "Monde économique et formation",
    "school-research": "Formation et recherche",
    "economic-research": "Monde économique et recherche",
    "school-continuation": "Deux établissements qui se suivent dans un parcours",
}
# What a learner or a partner travels: a next step within this distance of an offer is within
# reach (the dead-ends section's rule), and two actors are suggested to each other only within
# it — an apprentice goes between the company and the CFA, a pupil from one school to the next
# level at the other, teachers and tutors meet. It was 120 km, with pairs two hours apart
# (« Lycée … (Saint-Malo) ↔ … (Redon) ») proposed for a partnership (docs/gaps.md).
REACH_KM = 50.0
SUGGESTION_RADIUS_KM = REACH_KM
# A research lab and its partners are not a learner's daily trip: researchers, engineers and
# teachers travel to a lab of the campus (the Mecanic Vallée dossier: the Institut Clément Ader
# of Albi works with the IUT de Figeac, ~70 km away, §5.2.1), so a pair with a lab is suggested
# within the former 120 km (docs/gaps.md)
RESEARCH_RADIUS_KM = 120.0
PAIR_RADIUS_KM = {
    "economic-school": SUGGESTION_RADIUS_KM,
    "school-continuation": SUGGESTION_RADIUS_KM,
    "school-research": RESEARCH_RADIUS_KM,
    "economic-research": RESEARCH_RADIUS_KM,
}

# A section's CSV file name, in French (the section ids are the API's, in English).
SECTION_FILE_NAMES: dict[str, str] = {
    "continuum_breaks": "ruptures-du-continuum",
    "dead_ends": "impasses",
    "unmet_demand": "besoins-non-couverts",
    "isolated_actors": "acteurs-isoles",
    "suggested_partnerships": "partenariats-suggeres",
    "brokers": "acteurs-pivots",
}

SECTIONS: dict[str, tuple[str, str]] = {
    "continuum_breaks": (
        "Ruptures du continuum",
        "Par filière, les niveaux 3 à 7 proposés, en projet et absents sur le territoire.",
    ),
    "dead_ends": (
        "Impasses selon les données",
        "Formations dont aucune suite connue dans les données (passerelles des fichiers publics "
        "et des campus) n'est proposée à moins de 50 km, sur le territoire ou hors de lui (une "
        "suite proposée à l'autre bout d'une région ne compte pas) : un constat sur les "
        "données, pas la preuve qu'aucune poursuite d'études n'existe. Une formation dont les "
        "données ne connaissent aucune suite n'est pas listée.",
    ),
    "unmet_demand": (
        "Besoins d'emploi non couverts",
        "Métiers et filières avec des besoins recensés et pas ou trop peu de formation locale.",
    ),
    "isolated_actors": (
        "Acteurs isolés",
        "Entreprises sans école partenaire, écoles et plateformes sans entreprise partenaire, "
        "acteurs sans rôle dans le campus.",
    ),
    "suggested_partnerships": (
        "Partenariats suggérés",
        "Paires d'acteurs à rapprocher, par prédiction de liens (allocation de ressources) sur "
        "le graphe acteurs–filières–domaines de formation–diplômes–plateformes, limitée par la "
        "distance.",
    ),
    "brokers": (
        "Acteurs pivots et liens fragiles",
        "Acteurs les plus centraux (intermédiarité), liens et acteurs dont la perte couperait "
        "le réseau.",
    ),
}


class NodeRef(BaseModel):
    type: str = Field(description="actor, platform, diploma, sector or campus")
    key: str
    name: str


class Finding(BaseModel):
    id: str
    title: str
    why: str
    severity: str = Field(description="high, medium or low")
    nodes: list[NodeRef]
    data: dict[str, Any] = {}
    sources: list[str] = []


class Section(BaseModel):
    id: str
    title: str
    description: str
    total: int = Field(default=0, description="Findings in all; `findings` holds the first ones.")
    findings: list[Finding]
    note: str | None = Field(
        default=None,
        description="What the data does not know for this section in this territory, one "
        "French sentence (no need / partnership data here, filières not described…); null "
        "when there is nothing to say. An empty section with a note is « not known », not "
        "« nothing missing ».",
    )


class GapReport(BaseModel):
    territory: str
    sector: str | None = None
    sector_name: str | None = Field(
        default=None,
        description="The French name of the filière or field of training asked (`sector`).",
    )
    counts: dict[str, int]
    sections: list[Section]


def offer_commune(r: Row) -> tuple[str | None, str | None]:
    """An offer row's commune and how the import found it: the establishment's
    ``commune_from`` when the offer is at the establishment's own commune.

    >>> offer_commune({"offer": {"commune": "Pantin"},
    ...                "actor": {"commune": "Pantin", "commune_from": "coordinates"}})
    ('Pantin', 'coordinates')
    >>> offer_commune({"offer": {"commune": "Bobigny"},
    ...                "actor": {"commune": "Pantin", "commune_from": "coordinates"}})
    ('Bobigny', None)
    """
    commune = r["offer"].get("commune")
    actor = r.get("actor") or {}
    same = commune is not None and commune == actor.get("commune")
    return commune, actor.get("commune_from") if same else None


def named_at(name: str, commune: str | None, commune_from: str | None = None) -> str:
    """An actor's name with its commune, for a finding's title (the Nord has several « Lycée
    Saint Joseph »), unless the name already says it. A commune the import only found as the
    nearest to the establishment's position (``commune_from`` « coordinates »,
    graph/ingest/opendata/named_commune.py) is said « près de » it, as the pathways say it.

    >>> named_at("Lycée Saint Joseph", "Saint-Martin-Boulogne")
    'Lycée Saint Joseph (Saint-Martin-Boulogne)'
    >>> named_at("Lycée Champollion (Figeac)", "Figeac"), named_at("IUT de Metz", "Metz")
    ('Lycée Champollion (Figeac)', 'IUT de Metz')
    >>> named_at("CFA X", None)
    'CFA X'
    >>> named_at("Lycée Gustave Eiffel", "Saint-Apollinaire", "coordinates")
    'Lycée Gustave Eiffel (près de Saint-Apollinaire)'
    """
    if not commune or normalise(commune) in normalise(name):
        return name
    if commune_from == "coordinates":
        return f"{name} (près {de_place(commune)})"
    return f"{name} ({commune})"


def actor_ref(a: Row) -> NodeRef:
    return NodeRef(type="actor", key=a["id"], name=a["name"])


def levels_text(levels: list[int]) -> str:
    return ", ".join(LEVEL_NAMES[lv] for lv in levels) if levels else "aucun"


def dedupe(nodes: list[NodeRef]) -> list[NodeRef]:
    seen: set[tuple[str, str]] = set()
    out = []
    for n in nodes:
        if (n.type, n.key) not in seen:
            seen.add((n.type, n.key))
            out.append(n)
    return out
