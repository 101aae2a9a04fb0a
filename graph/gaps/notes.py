"""What the data does not know, said once per section: an empty section, or one judged on part
of the territory only, must not read as « nothing is missing here ».

Outside the campuses of the seed documents, the public files give the programmes offered, not
the hiring needs, the partnerships nor the filières: a report of Paris found no unmet demand,
no break and 258 « isolated » schools, which said more about the files than about Paris.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graph.gaps.brokers import NETWORK, actor_network
from graph.gaps.demand import trained_for
from graph.gaps.findings import (
    COMPANY,
    ECONOMIC,
    RESEARCH,
    RESEARCH_RADIUS_KM,
    SUGGESTION_RADIUS_KM,
    Finding,
)
from graph.gaps.isolated import not_judged
from graph.gaps.rows import GapData
from graph.nsf import field_code

__all__ = ["section_notes"]

NO_CAMPUS_FILIERE = (
    "Aucune filière de campus des métiers n'est décrite sur ce territoire : le continuum n'y "
    "est jugé que pour l'ensemble des formations, pas filière par filière ; un domaine de "
    "formation peut être demandé comme filière pour le juger à part."
)
ALL_LEVELS = " Tous les niveaux du CAP au Bac+5 y sont proposés."
NO_OFFER = "Aucune formation n'est recensée sur ce territoire."
NO_CAMPUS_OFFER = (
    "Aucune formation n'est recensée dans les établissements du campus : le rapport de son "
    "territoire (ses départements ou sa région) compte celles qui y sont proposées."
)
NO_SECTOR_OFFER = "Aucune formation de cette filière n'est recensée sur ce territoire."
NO_DEMAND = (
    "Les données ne connaissent aucun besoin de recrutement sur ce territoire : ces besoins ne "
    "viennent que des documents des campus des métiers, et aucun campus décrit ne le couvre "
    "(les fichiers publics importés ne donnent ni offres d'emploi ni métiers en tension). Les "
    "besoins d'emploi non couverts ne peuvent donc pas être jugés ici."
)
NO_DEMAND_TABLE = (
    "Aucun document de campus ne chiffre les recrutements sur ce territoire : seules les "
    "filières de campus sans formation locale connue sont signalées, les métiers en tension "
    "ne sont pas connus."
)
CAMPUS_OFFERS = (
    "Dans le rapport d'un campus, seules les formations de ses établissements sont comptées : "
    "le rapport de son territoire (ses départements ou sa région) compte toutes celles qui y "
    "sont proposées."
)
ALL_LEVELS_SECTOR = "Tous les niveaux du CAP au Bac+5 de cette filière y sont proposés."
DEMAND_BY_FILIERE = (
    "Les besoins de recrutement sont recensés par filière de campus, pas par domaine de "
    "formation : choisissez une filière de campus, ou toutes, pour les voir."
)
ONLY_SCHOOLS = (
    "Aucune entreprise ni aucun laboratoire n'est recensé sur ce territoire (les fichiers "
    "publics ne décrivent que les établissements de formation) : les seuls rapprochements "
    "suggérés sont entre établissements qui se suivent dans un parcours, dans un même domaine "
    "de formation ou une même filière."
)
NO_SUGGESTION = "Aucun rapprochement à suggérer : "
NO_SUGGESTION_SCHOOLS = (
    "aucune entreprise ni aucun laboratoire n'est recensé sur ce territoire (les fichiers "
    "publics ne décrivent que les établissements de formation), et aucun établissement n'y "
    f"forme, à moins de {SUGGESTION_RADIUS_KM:.0f} km et sans partenariat recensé, au "
    "niveau suivant d'un autre dans un même domaine de formation."
)
NO_SUGGESTION_PAIRS = (
    f"aucune paire d'acteurs à moins de {SUGGESTION_RADIUS_KM:.0f} km (de "
    f"{RESEARCH_RADIUS_KM:.0f} km avec un laboratoire), sans partenariat recensé, ne partage "
    "une filière, un domaine de formation ou une plateforme."
)
NO_NETWORK = (
    "Aucun lien entre acteurs (partenariat, accueil, rattachement, convention) n'est recensé "
    "sur ce territoire : il n'y a pas de réseau à analyser."
)
ONLY_PARTS = (
    "Les seuls liens recensés sur ce territoire rattachent des sections ou des annexes à leur "
    "établissement ; un établissement et ses sections comptent pour un seul acteur : il n'y a "
    "pas de réseau de partenaires à analyser."
)


def section_notes(
    d: GapData,
    found: Mapping[str, list[Finding]],
    *,
    campus: str | None = None,
    sector: str | None = None,
    cap: int | None = None,
) -> dict[str, str]:
    """Per section id, one French sentence on what the data does not know there (sections
    with nothing to say have none); ``campus``: the report is a campus's; ``sector``: the
    filière asked; ``cap``: the most suggested partnerships ranked (their total is then « at
    least »)."""
    notes: dict[str, str] = {}
    filieres = {
        s["sector"]["id"]: s["sector"]["name"]
        for s in d.sectors
        if s["sector"].get("kind") == "filiere" and set(s["campuses"]) & d.local_campuses
    }
    if not d.inside:
        notes["continuum_breaks"] = NO_CAMPUS_OFFER if campus else NO_OFFER
    elif not d.inside_for_sector:
        notes["continuum_breaks"] = NO_SECTOR_OFFER
    elif sector:
        if not found.get("continuum_breaks"):
            notes["continuum_breaks"] = ALL_LEVELS_SECTOR
    elif not filieres.keys() & trained_for(d, d.inside_for_sector).keys():
        # the continuum is judged per filière only for filières some offer is tied to
        notes["continuum_breaks"] = (
            (
                f"Aucune formation n'est rattachée dans les données aux filières des campus de "
                f"ce territoire ({', '.join(sorted(filieres.values()))}) : le continuum n'y "
                "est jugé que pour l'ensemble des formations, pas filière par filière."
            )
            if filieres
            else NO_CAMPUS_FILIERE
        ) + (ALL_LEVELS if not found.get("continuum_breaks") else "")
    if d.remote:
        notes["continuum_breaks"] = " ".join(
            x for x in (notes.get("continuum_breaks"), remote_note(d.remote)) if x
        )
    demand = any(
        x is not None and x["campus"] in d.local_campuses for s in d.sectors for x in s["demand"]
    )
    if not d.local_campuses:
        notes["unmet_demand"] = NO_DEMAND
    elif not demand:
        notes["unmet_demand"] = NO_DEMAND_TABLE
    elif field_code(sector) and not found.get("unmet_demand"):
        notes["unmet_demand"] = DEMAND_BY_FILIERE
    if campus and any(f.data.get("offers") == 0 for f in found.get("unmet_demand", ())):
        notes["unmet_demand"] = " ".join(x for x in (notes.get("unmet_demand"), CAMPUS_OFFERS) if x)
    unjudged = not_judged(d)
    if unjudged:
        companies = any(
            a["kind"] == COMPANY and a["id"] in d.inside_ids and a["label"] == "Actor"
            for a in d.actors
        )
        many = unjudged > 1
        verb = "ne sont pas jugés" if many else "n'est pas jugé"
        notes["isolated_actors"] = (
            f"{_establishments(unjudged)} connu{'s' if many else ''} seulement par les "
            f"fichiers publics (annuaires, Parcoursup, Affelnet) {verb} : ces fichiers ne "
            "décrivent aucun partenariat, on ne sait pas s'ils sont isolés."
            + ("" if companies else f" {_no_company(d)}")
        )
    if note := _partnership_note(d, found.get("suggested_partnerships", ())):
        notes["suggested_partnerships"] = note
    if cap is not None and len(found.get("suggested_partnerships", ())) >= cap:
        notes["suggested_partnerships"] = " ".join(
            x
            for x in (
                f"Au moins {cap} paires possibles : seules les {cap} mieux classées sont "
                "comptées et proposées ; un territoire plus petit ou une filière les précise.",
                notes.get("suggested_partnerships"),
            )
            if x
        )
    if not found.get("brokers") and not _linked(d):
        notes["brokers"] = NO_NETWORK
    elif not found.get("brokers") and not actor_network(d).number_of_edges():
        notes["brokers"] = ONLY_PARTS
    return notes


def _partnership_note(d: GapData, found: Sequence[Finding]) -> str | None:
    """What the suggestions rest on where the files know no company nor research body (all
    over France outside the campuses' documents: establishments only), and why there are
    none when there are none."""
    kinds = {a["kind"] for a in d.actors if a["id"] in d.inside_ids and a["label"] == "Actor"}
    only_schools = not kinds & (ECONOMIC | RESEARCH)
    if found:
        return ONLY_SCHOOLS + _unplaced(d) if only_schools else None
    if not d.inside_for_sector:
        return None  # the continuum's note says there is no offer (of the filière asked)
    if only_schools:
        return NO_SUGGESTION + NO_SUGGESTION_SCHOOLS + _unplaced(d)
    return NO_SUGGESTION + NO_SUGGESTION_PAIRS


def _no_company(d: GapData) -> str:
    """No company in the territory: the files know none, or (a campus covers it) those its
    documents name have no known place (the Mecanic Vallée's Figeac Aéro, AT2D…: its
    documents give no commune), counted in the campus's own report only."""
    if not d.local_campuses:
        return "Aucune entreprise n'est recensée sur ce territoire."
    return (
        "Aucune entreprise n'a de lieu connu sur ce territoire : celles que citent les documents "
        "du campus sans en donner le lieu ne sont comptées que dans le rapport du campus."
    )


def _unplaced(d: GapData) -> str:
    if not d.local_campuses:
        return ""
    return (
        " Les entreprises et laboratoires que citent les documents du campus sans en donner le "
        "lieu ne sont comptés que dans le rapport du campus."
    )


def remote_note(names: list[str]) -> str:
    """What a report says of the establishments teaching only at a distance from an address of
    the territory, whose offers it does not count.

    >>> remote_note(["CNED"])
    "Établissement enseignant entièrement à distance : CNED ; ses formations ne sont pas \
comptées parmi celles du territoire (son adresse n'est pas un lieu de formation)."
    """
    if len(names) == 1:
        return (
            f"Établissement enseignant entièrement à distance : {names[0]} ; ses formations ne "
            "sont pas comptées parmi celles du territoire (son adresse n'est pas un lieu de "
            "formation)."
        )
    return (
        f"Établissements enseignant entièrement à distance : {', '.join(names)} ; leurs "
        "formations ne sont pas comptées parmi celles du territoire (leur adresse n'est pas un "
        "lieu de formation)."
    )


def _linked(d: GapData) -> bool:
    """Whether two actors of the territory are linked (the network brokers.py analyses)."""
    inside = d.inside_ids
    return any(
        e["type"] in NETWORK and e["source"] in inside and e["target"] in inside for e in d.edges
    ) or any(len(set(ag["parties"]) & inside) > 1 for ag in d.agreements)


def _establishments(n: int) -> str:
    return "1 établissement" if n == 1 else f"{n} établissements"
