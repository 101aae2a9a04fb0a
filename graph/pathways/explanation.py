"""The French sentences of a pathway answer: the goal, a score's explanation, why there is none.

Pure functions over the scored pathways (:mod:`graph.pathways.scoring`) and the request.
"""

from __future__ import annotations

from typing import Any

from graph.geo import haversine_km
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import NEAR_KM, Candidate, Offer, Scored

__all__ = ["MODALITY_FR", "explain", "goal_label", "why_none"]

MODALITY_FR = {
    "school": "voie scolaire",
    "apprenticeship": "apprentissage",
    "continuing": "formation continue",
}

# Diploma types as people name them (the interface's labels.ts says the same).
DIPLOMA_TYPE_FR = {
    "cap": "CAP",
    "bac_pro": "Bac pro",
    "bac_techno": "Bac technologique",
    "bac_general": "Bac général",
    "bp": "Brevet professionnel",
    "mc": "Mention complémentaire",
    "bts": "BTS",
    "dut": "DUT",
    "but": "BUT",
    "licence": "Licence",
    "licence_pro": "Licence professionnelle",
    "master": "Master",
    "mastere_specialise": "Mastère spécialisé",
    "ingenieur": "Diplôme d'ingénieur",
    "cpge": "CPGE",
    "cqpm": "CQPM",
    "fcil": "FCIL",
    "titre_pro": "Titre professionnel",
    "du": "Diplôme d'université",
    "other": "Autre diplôme",
}

Row = dict[str, Any]


def type_fr(value: str | None) -> str:
    return DIPLOMA_TYPE_FR.get(value or "other", "Autre diplôme")


def fmt_km(km: float) -> str:
    return f"{km:.0f} km"


def goal_label(q: PathwayQuery) -> str:
    parts = []
    if q.to:
        parts.append(f"diplôme {q.to}")
    if q.to_type:
        parts.append(f"un diplôme de type « {type_fr(q.to_type.value)} »")
    if q.to_level:
        parts.append(f"niveau {q.to_level} ou plus")
    if q.sector:
        parts.append("le métier choisi")
    return ", ".join(parts)


def figure_sentence(i: int, leg: Row, before: Row, after: Row) -> str:
    """« Étape 1 : Bac pro → BTS : 70 % des entrants viennent de l'étape précédente. » (the
    passerelle by the diplomas it joins, never by its identifier)."""
    bits = []
    if leg.get("rate") is not None:
        bits.append(f"taux de passage connu {leg['rate']:.0%}")
    if leg.get("entrant_share") is not None:
        bits.append(f"{leg['entrant_share']:.0%} des entrants viennent de l'étape précédente")
    if leg.get("reserved_share") is not None:
        bits.append(f"{leg['reserved_share']:.0%} des places réservées")
    link = f"{type_fr(before.get('type'))} → {type_fr(after.get('type'))}"
    return f"Étape {i} : {link} : {', '.join(bits)}."


def explain(s: Scored, q: PathwayQuery) -> list[str]:
    """The score's explanation, in French: the whole pathway, then step by step."""
    n = len(s.plan)
    out = [f"{n} étape{'s' if n > 1 else ''} après {s.start['name']}."]
    if s.travel_km is not None:
        out.append(
            f"Trajet total {fmt_km(s.travel_km)} entre établissements"
            f"{' depuis le domicile' if q.home else ''}."
        )
    if s.field_points:
        out.append("Continuité de spécialité entre les diplômes (groupe NSF ou filière communs).")
    if q.modality:
        out.append(f"{s.modality_hits}/{n} étape(s) en {MODALITY_FR[q.modality.value]}.")
    for i, st in enumerate(s.plan, start=1):
        d, leg, best, dist = st.diploma, st.leg, st.choice.ranked[0], st.choice.dist
        before = s.plan[i - 2].diploma if i > 1 else s.start
        where = f"{best.actor['name']} ({best.offer.get('commune') or '?'})"
        if not best.in_territory:
            out.append(f"Étape {i} ({d['name']}) hors du territoire : {where}.")
        if best.offer["status"] == "planned":
            out.append(f"Étape {i} : offre seulement en projet ({where}).")
        if any(leg.get(k) is not None for k in ("rate", "entrant_share", "reserved_share")):
            out.append(figure_sentence(i, leg, before, d))
        if dist is not None and best.actor.get("boarding_places") and dist > NEAR_KM:
            out.append(
                f"Étape {i} : {fmt_km(dist)}, atténués car {best.actor['name']} a "
                f"{best.actor['boarding_places']} places d'internat."
            )
    return out


def why_none(q: PathwayQuery, unrestricted: list[Candidate], offers: dict[str, list[Offer]]) -> str:
    """Why a search found no pathway, given the candidates found without the territory and
    modality (``unrestricted``) and the offers of their diplomas."""
    if not unrestricted:
        return (
            f"Aucune passerelle connue ne mène de {q.start_label} à {goal_label(q)} "
            f"en {q.max_steps} étapes au plus."
        )
    # the first step, along the shortest unrestricted pathways, with no offer inside
    missing: dict[str, Row] = {}
    for c in sorted(unrestricted, key=lambda c: len(c.diplomas)):
        for d in c.diplomas[1:]:
            if not any(o.in_territory for o in offers.get(d["code"], [])):
                missing.setdefault(d["code"], d)
                break
    if not missing:
        return f"Aucun parcours dans {q.territory.describe()} avec ces contraintes."
    parts = []
    for code, d in list(missing.items())[:3]:
        nearest = _nearest(q, offers.get(code, []))
        where = f" ; le plus proche : {nearest}" if nearest else " ; aucune offre connue"
        parts.append(f"aucune offre de {d['name']} ({code}) dans {q.territory.describe()}{where}")
    return "Pas de parcours : " + " ; ".join(parts) + "."


def _nearest(q: PathwayQuery, offers: list[Offer]) -> str | None:
    ref = q.territory.near or q.home
    located = [o for o in offers if o.offer.get("lat") is not None]
    if not located:
        return None
    if ref is None:
        o = sorted(located, key=lambda o: o.actor["name"])[0]
        return f"{o.actor['name']} ({o.offer.get('commune')}, {o.offer.get('departement')})"
    o = min(located, key=lambda o: haversine_km(ref.lat, ref.lon, o.offer["lat"], o.offer["lon"]))
    km = haversine_km(ref.lat, ref.lon, o.offer["lat"], o.offer["lon"])
    return (
        f"{o.actor['name']} ({o.offer.get('commune')}, {o.offer.get('departement')}), "
        f"à {fmt_km(km)}"
    )
