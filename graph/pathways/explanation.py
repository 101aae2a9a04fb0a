"""The French sentences of a pathway answer: the goal, a score's explanation, why there is none.

Pure functions over the scored pathways (:mod:`graph.pathways.scoring`) and the request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from graph.departements import (
    de_place,
    departement_name,
    departement_place,
    departements_phrase,
)
from graph.diploma_names import display_name
from graph.distance_learning import DISTANCE_PHRASE, is_distance_learning
from graph.evidence_words import evidence_words
from graph.geo import haversine_km
from graph.inference.after_bac import is_after_bac_leg
from graph.inference.after_bac import leg_sentence as after_bac_leg_sentence
from graph.inference.bac_techno import is_bac_techno_leg
from graph.inference.bac_techno import leg_sentence as bac_techno_leg_sentence
from graph.inference.rules import ORIGIN_OPEN, TARGET_OPEN, WEAK_LINK
from graph.labels import MODALITY_FR, TYPE_FR
from graph.pathways.after_3e import ENTRY_LEG, ENTRY_SENTENCE, is_start_row
from graph.pathways.entry_words import COMMON_ENTRY
from graph.pathways.goal_words import to_goal_phrase
from graph.pathways.hygiene import ThinFile
from graph.pathways.job import to_goal
from graph.pathways.nearest_unplaced import departements_in, nearest_offers
from graph.pathways.no_places import no_place_part
from graph.pathways.query import PathwayQuery
from graph.pathways.reserved_track import RESERVED_PART, is_reserved_track
from graph.pathways.scoring import NEAR_KM, Candidate, Offer, Scored, Step
from graph.pathways.sea import crossing_phrase
from graph.pathways.start_words import after_start, from_start
from graph.pathways.undescribed import ask_whom, kind_label, undescribed_step_part, with_article
from graph.place_precision import APPROXIMATE_PHRASE, NOTED_KM, km_phrase, shown_km
from graph.text import UNNAMED as STORED_UNNAMED
from graph.text import at_name

__all__ = [
    "MODALITY_FR",
    "at_place",
    "OUTSIDE_MAX_KM",
    "explain",
    "goal_label",
    "job_label",
    "meets_job",
    "too_far_sentence",
    "why_none",
]

# When no pathway is found in the territory, pathways outside it are offered only within this
# distance of home (else of the territory's centre): beyond, the learner changes region, and the
# answer says where the nearest known one is instead (the bound of the gap reports' nearest next
# step, graph/gaps/dead_ends.py). The usual continuation of the start is told wherever it is.
OUTSIDE_MAX_KM = 150.0
# said of a step whose previous establishment has no position (Step.prev_unplaced)
UNKNOWN_FROM_PREVIOUS = "distance depuis l'étape précédente inconnue (établissement sans position)"
# said of a trip with a leg to an establishment placed at its commune's centre
APPROXIMATE_TRIP = "un établissement n'est placé qu'au centre de sa commune"

Row = dict[str, Any]


# Every distance of the answer is a straight line between two points (graph/geo.py), never a
# road: said so wherever a distance is given (Ajaccio → Furiani « à 102 km » is far more by road)
AS_CROW = "à vol d'oiseau"


def fmt_km(km: float, precision: str | None = None) -> str:
    """« 12 km à vol d'oiseau », « moins de 1 km à vol d'oiseau »; to a place known only as its
    commune's centre (``precision``: the offer's ``coords_precision``), « ~2 km à vol d'oiseau,
    position approximative … » (graph/place_precision.py).

    >>> fmt_km(101.8), fmt_km(0.2, "commune")
    ("102 km à vol d'oiseau", "~2 km à vol d'oiseau, position approximative (centre de la commune)")
    """
    noted = precision == "commune" and km < NOTED_KM
    said = f"{km_phrase(km, precision, note=False)} {AS_CROW}"
    return f"{said}, {APPROXIMATE_PHRASE}" if noted else said


def goal_label(q: PathwayQuery) -> str:
    parts = []
    if q.to:
        parts.append(q.to_label or f"diplôme {q.to}")
    if q.to_type:
        parts.append(TYPE_FR.get(q.to_type.value, q.to_type.value))
    if q.to_level:
        parts.append(f"niveau {q.to_level} ou plus")
    if q.sector:
        # by its name, never its id (internal text): « secteur Soudeurs », « métier ROME H2903 »
        parts.append(q.sector_label or "métier choisi")
    return ", ".join(parts)


def job_label(q: PathwayQuery) -> str:
    """The goal job alone (« métier ROME G1602 »), without the goal's level or type."""
    return goal_label(q.model_copy(update={"to": None, "to_type": None, "to_level": None}))


def place(o: Offer) -> str:
    """« Lycée X (Rouen) », or with the département when the commune is unknown; never None;
    the commune once when the name already ends with it (« Lycée Champollion (Figeac) »).
    Outside the territory asked, the commune comes with its département (« CFA X
    (Rivière-Salée, Martinique) »): a learner of Pointe-à-Pitre must read that the nearest
    offer is on another island, not guess it from a commune's name."""
    commune = o.offer.get("commune")
    if is_unnamed(o.actor):
        # its stored name carries its UAI, a code no learner reads: said as what it is
        dep = o.offer.get("departement")
        return f"{UNNAMED} ({departement_place(dep) if dep else 'lieu inconnu'})"
    name = o.actor.get("name") or "établissement sans nom"
    if not commune:
        if name.endswith(")"):
            return name  # « Établissement 0230019W (Creuse) »: its département said already
        dep = o.offer.get("departement")
        return f"{name} ({departement_place(dep) if dep else 'lieu inconnu'})"
    dep_name = departement_name(o.offer.get("departement") or "")
    if o.offer.get("commune_from") == "coordinates":
        # only the commune nearest its position, more than 1 km from its centre: « près de »
        # (ingest/opendata/named_commune.py; within 1 km, "centre": the commune, place_precision)
        commune = f"près {de_place(commune)}"  # « près du Bouscat », « près d'Agen »
    if o.in_territory or not dep_name or dep_name == commune:  # « Paris (Paris) »: no more
        return name if name.endswith(f"({commune})") else f"{name} ({commune})"
    if name.endswith(f"({commune})"):
        return f"{name[:-1]}, {dep_name})"
    return f"{name} ({commune}, {dep_name})"


def at_place(o: Offer) -> str:
    """:func:`place` after « à », with the article its name takes (« au Lycée X (Rouen) »,
    « à l'Université Y (Lille) », « au CNED (Vanves) »); « dans un établissement sans nom … »
    for one no file names (:func:`is_unnamed`)."""
    return f"dans {place(o)}" if is_unnamed(o.actor) else at_name(place(o))


# How the answers say an establishment no public file names: its stored name
# (graph/ingest/opendata/unnamed.py, graph.text.UNNAMED) with « un » before it, as
# graph.text.at_name says it
UNNAMED = f"un {STORED_UNNAMED[:1].lower()}{STORED_UNNAMED[1:]}"


def is_unnamed(actor: Row) -> bool:
    """Whether no public file names the establishment: the import's ``described`` is false
    (the campus seeds' actors have none: they are named).

    >>> is_unnamed({"described": False}), is_unnamed({"described": True}), is_unnamed({})
    (True, False, False)
    """
    return actor.get("described") is False


def figure_sentence(leg: Row) -> str:
    bits = []
    if leg.get("rate") is not None:
        bits.append(f"taux de passage connu {leg['rate']:.0%}")
    if leg.get("entrant_share") is not None:
        bits.append(f"{leg['entrant_share']:.0%} des entrants viennent de l'étape précédente")
    if leg.get("reserved_share") is not None:
        bits.append(f"{leg['reserved_share']:.0%} des places réservées")
    return ", ".join(bits)


# An inferred leg whose one side names no specialty: nothing is shared, the leg holds because
# nothing rules it out (graph/inference/rules.py, _field_match).
OPEN_SPECIALTY = {
    TARGET_OPEN: "la spécialité du diplôme visé n'est pas précisée",
    ORIGIN_OPEN: "la spécialité du diplôme de départ n'est pas précisée",
}


# An « admission parallèle » (graph/inference/admission_parallele.py) leads from a BTS into a
# Parcoursup programme, whose offer (places, vœux) is that of its entry after the bac: the
# answer says so, and the year a BTS holder enters where the rule says it (a BUT: its 2nd
# year, rule bts-but-ap), else that the establishment sets it.
PARALLEL_KIND = "admission_parallele"
PARALLEL_ENTRY = {
    "but": (
        "admission parallèle : avec un BTS, on candidate sur dossier pour entrer en 2e année "
        "du BUT (règle générale : l'établissement décide de l'année d'entrée) ; l'offre "
        "indiquée, places et vœux compris, est celle de la 1re année, après le bac (Parcoursup)"
    ),
}
PARALLEL_ENTRY_OTHER = (
    "admission parallèle : l'offre indiquée, places et vœux compris, est celle de l'entrée "
    "après le bac (Parcoursup) ; avec un BTS, on candidate sur dossier et l'établissement "
    "décide de l'année d'entrée"
)


def parallel_entry(leg: Row, goal_type: str | None) -> str:
    """What an « admission parallèle » step's offer is and which year a BTS holder enters
    (:data:`PARALLEL_ENTRY`); "" for any other leg.

    >>> parallel_entry({"kind": "continuation"}, "but")
    ''
    >>> parallel_entry({"kind": "admission_parallele"}, "but")[:71]
    'admission parallèle : avec un BTS, on candidate sur dossier pour entrer'
    >>> parallel_entry({"kind": "admission_parallele"}, "licence_pro")[:60]
    "admission parallèle : l'offre indiquée, places et vœux compr"
    """
    if leg.get("kind") != PARALLEL_KIND:
        return ""
    return PARALLEL_ENTRY.get(goal_type or "", PARALLEL_ENTRY_OTHER)


def passerelle_sentence(leg: Row, best: Offer, goal_type: str | None = None) -> str:
    """Documented or inferred, and where it holds (docs/model.md, "Scope"); for an
    « admission parallèle » into a programme of type ``goal_type``, the year of entry
    (:func:`parallel_entry`)."""
    said = _passerelle_sentence(leg, best)
    entry = parallel_entry(leg, goal_type)
    return f"{said} ; {entry}" if entry else said


def _passerelle_sentence(leg: Row, best: Offer) -> str:
    if leg.get("passerelle_origin") == ENTRY_LEG["passerelle_origin"]:
        return ENTRY_SENTENCE
    if leg.get("passerelle_origin") == "documented":
        scope = leg.get("scope") or "national"
        if scope == "national":
            text = "continuité documentée au niveau national"
        elif scope == "actors":
            text = f"passerelle documentée par la source pour {best.actor.get('name')}"
        elif scope == "campus":
            text = "passerelle documentée par la source du campus, sur son territoire"
        else:
            where = departements_phrase(leg.get("scope_departements") or [])
            text = f"passerelle documentée pour {where}"
        figures = figure_sentence(leg)
        return f"{text} ({figures})" if figures else text
    if leg.get("documented_elsewhere"):
        return (
            "passerelle documentée seulement pour d'autres établissements : ici déduite, "
            "sans les chiffres de la source"
        )
    where = ""
    if deps := leg.get("from_departements"):
        where = f", valable sur le territoire du campus : {departements_phrase(deps)}"
    # the evidence in words (graph/evidence_words.py): the import writes it with the names
    # of the jobs and themes; a graph without it gets the NSF names said here
    words = leg.get("evidence_words") or evidence_words(str(leg.get("evidence") or ""))
    if leg.get("evidence") and is_bac_techno_leg(leg.get("passerelle_id")):
        return evidence_words(bac_techno_leg_sentence(str(leg["evidence"]), where))
    if leg.get("evidence") and is_after_bac_leg(leg.get("passerelle_id")):
        return evidence_words(after_bac_leg_sentence(str(leg["evidence"]), where))
    if open_side := OPEN_SPECIALTY.get(str(leg.get("evidence"))):
        return (
            f"passerelle déduite par l'outil d'une règle générale ; {open_side}, aucun point "
            f"commun n'a donc pu être vérifié (non documentée{where})"
        )
    if words.startswith(f"{WEAK_LINK} ; "):
        return weak_link_sentence(words[len(WEAK_LINK) + 3 :], where)
    if leg.get("evidence"):
        return (
            f"passerelle déduite de ce que les deux diplômes ont en commun : {words} "
            f"(non documentée{where})"
        )
    return f"passerelle déduite par l'outil d'une règle générale (non documentée{where})"


def weak_link_sentence(shared: str, where: str = "") -> str:
    """A leg whose two diplomas share one broad classification only (a domain of jobs or of
    training, a word of their titles; graph.inference.rules.WEAK_LINK, legs24), said as the
    weak link it is, ``shared`` its evidence in words.

    >>> weak_link_sentence("mêmes domaines de métiers « Installation et maintenance »")
    "passerelle déduite d'un lien faible : les deux diplômes ne partagent aucun métier, thème de formation ni spécialité ; en commun : mêmes domaines de métiers « Installation et maintenance » (non documentée)"
    """  # noqa: E501
    return (
        "passerelle déduite d'un lien faible : les deux diplômes ne partagent "
        f"aucun métier, thème de formation ni spécialité ; en commun : {shared} "
        f"(non documentée{where})"
    )


def unlisted_sentence(thin: ThinFile) -> str:
    """Why an offer the latest file does not list is not called stale
    (:func:`graph.pathways.hygiene.thin_latest`).

    >>> unlisted_sentence(ThinFile(2022, 97, 2021, 489))
    "pas dans le fichier de 2022, qui ne décrit ce diplôme que dans 97 établissements contre 489 en 2021 : à confirmer avec l'établissement"
    >>> unlisted_sentence(ThinFile(2022, 0, 2021, 12, common_year=True))[:60]
    'pas dans le fichier de 2022, qui ne décrit sa 2de commune da'
    """  # noqa: E501
    what = "sa 2de commune" if thin.common_year else "ce diplôme"
    if thin.listed == 0:
        how = f"dans aucun établissement contre {thin.before} en {thin.before_year}"
    else:
        n = f"{thin.listed} établissement{'s' if thin.listed > 1 else ''}"
        how = f"que dans {n} contre {thin.before} en {thin.before_year}"
    return (
        f"pas dans le fichier de {thin.year}, qui ne décrit {what} {how} : "
        "à confirmer avec l'établissement"
    )


def maybe_nearer(o: Offer, best: Offer, around: frozenset[str]) -> bool:
    """Whether an establishment of unknown place may be nearer than the chosen one: it has no
    coordinates, lies on the same side of the territory, and in the chosen one's département
    or one of ``around`` (the learner's, the territory's départements). Further afield it is
    no candidate: from Vesoul, a CFA of the Loire is not « peut-être plus près » than one of
    the Doubs 44 km away (B27)."""
    if o.offer.get("lat") is not None or o.in_territory != best.in_territory:
        return False
    dep = o.offer.get("departement")
    return dep is not None and (dep == best.offer.get("departement") or dep in around)


# a step entered after 3e at an offer Affelnet lists by its 1re pro only, with no 2de of its
# famille de métiers at the establishment (graph/pathways/entry_figures.py)
NO_SECOND_PART = (
    "Affelnet n'y liste que la 1re pro, sans 2de de sa famille de métiers dans "
    "l'établissement : l'entrée après la 3e passe par la 2de commune d'un lycée qui la "
    "propose, à vérifier avec l'établissement"
)


def no_second_part(leg: Row, offer: Mapping[str, Any]) -> str | None:
    """What a step entered after 3e says when its offer is listed by its 1re pro only and the
    establishment lists no 2de of its family (tester23, Pointe-à-Pitre: Bac pro TCI at Lycée
    Louis Delgres, listed in 1re pro, no common 2de RICM in the Guadeloupe, said « entrée après
    la 3e » alone); None otherwise.

    >>> after = {"passerelle_origin": "after_3e"}
    >>> no_second_part(after, {"entry_year": 2})[:40]
    "Affelnet n'y liste que la 1re pro, sans "
    >>> no_second_part(after, {"entry_year": 2, "entry_capacity": 69}) is None
    True
    >>> no_second_part({"passerelle_origin": "inferred"}, {"entry_year": 2}) is None
    True
    """
    if leg.get("passerelle_origin") != "after_3e" or offer.get("entry_year") != 2:
        return None
    if offer.get("entry_capacity") is not None or offer.get("entry_demand") is not None:
        return None
    return NO_SECOND_PART


RENEWED_PART = (
    "offre vue pour la version précédente de ce diplôme, rénové depuis : "
    "à confirmer avec l'établissement"
)
PLANNED_PART = "offre seulement en projet"


def learner_parts(
    st: Step, modality: str | None = None, closing: str | None = None
) -> tuple[list[str], list[str]]:
    """The parts of :func:`step_sentence` that warn the learner of the step itself (its
    diploma or its chosen offer), in the sentence's order: those said before the « préparé
    dans l'établissement » fact, and those said after it. ``modality`` and ``closing`` as
    :func:`step_sentence` takes them. The step's notes are these (graph/pathways/step_notes.py).

    >>> from graph.pathways.scoring import Choice, Offer
    >>> o = Offer("B", {"id": "a"}, {"status": "renewed"}, True, last_seen=2021)
    >>> st = Step({"code": "B", "type": "bac_pro"}, {}, Choice([o], None, 0.0, None), None)
    >>> head, tail = learner_parts(st)
    >>> [p[:39] for p in head], tail
    (['offre vue pour la version précédente de'], ['offre pas vue depuis 2021 dans les fichiers publics'])
    """  # noqa: E501
    d, leg, best = st.diploma, st.leg, st.choice.ranked[0]
    head: list[str] = []
    if st.undescribed and modality in MODALITY_FR:
        head.append(undescribed_step_part(d, MODALITY_FR[modality]))
    if (none := no_place_part(st)) is not None:
        head.append(none)
    if is_reserved_track(d):
        head.append(RESERVED_PART)
    if (second := no_second_part(leg, best.offer)) is not None:
        head.append(second)
    if closing:
        head.append(closing)
    if best.offer.get("status") == "planned":
        head.append(PLANNED_PART)
    if best.offer.get("status") == "renewed":
        head.append(RENEWED_PART)
    tail = []
    if best.last_seen is not None:
        tail.append(f"offre pas vue depuis {best.last_seen} dans les fichiers publics")
    return head, tail


def step_sentence(
    i: int,
    st: Step,
    around: frozenset[str] = frozenset(),
    modality: str | None = None,
    closing: str | None = None,
    entry: str | None = None,
) -> str:
    """One sentence per step: the programme, where, how far, documented or inferred, how
    current. ``around``: the départements near the learner (:func:`maybe_nearer`);
    ``modality``: the one requested (said when the data does not describe it for the step);
    ``closing``: what to say of its diploma's closing (graph/pathways/closing.py); ``entry``:
    how it is entered (graph/pathways/entry_words.py), said after the passerelle.
    """
    d, leg, best = st.diploma, st.leg, st.choice.ranked[0]
    parts = [f"Étape {i} : {display_name(d)}, {at_place(best)}"]
    if st.choice.remote:
        parts.append(DISTANCE_PHRASE)
    elif st.prev_unplaced and st.choice.dist is not None:
        parts.append(UNKNOWN_FROM_PREVIOUS)
    elif st.choice.dist is not None:
        since = " depuis l'étape précédente" if i > 1 else ""  # as the web page says it
        parts.append(f"à {fmt_km(st.choice.dist, best.offer.get('coords_precision'))}{since}")
        if st.prev is not None and (
            sea := crossing_phrase(st.prev, (best.offer["lat"], best.offer["lon"]))
        ):
            parts.append(sea)  # « à vol d'oiseau » alone hid a ferry or a flight
    elif st.choice.unplaced:
        parts.append("distance inconnue (établissement sans coordonnées)")
    if st.choice.dist is not None and st.choice.dist > NEAR_KM and not st.prev_unplaced:
        # the chosen one is beyond a daily commute: an establishment of unknown place may be
        # nearer (Ajaccio: Furiani at 102 km, another in Corse-du-Sud without coordinates)
        other = next((o for o in st.choice.ranked[1:] if maybe_nearer(o, best, around)), None)
        if other is not None:
            parts.append(f"aussi {at_place(other)}, à une distance inconnue, peut-être plus près")
    said = passerelle_sentence(leg, best, d.get("type"))
    if entry and said == ENTRY_SENTENCE and entry.startswith(COMMON_ENTRY):
        parts.append(entry)  # « entrée après la 3e en 2de commune … », said once
    else:
        parts.append(said)
        if entry:
            parts.append(entry)
    if not best.in_territory:
        parts.append("hors du territoire demandé")
    head, tail = learner_parts(st, modality, closing)
    parts.extend(head)
    if best.offer.get("common_year") and best.offer.get("year"):
        # the files list the Bac pro there under its common 2nde only, a BTS option under its
        # common first year (ingest/opendata/renewal)
        first = "sa 1re année commune" if d.get("type") == "bts" else "sa 2de commune"
        parts.append(
            f"préparé dans l'établissement en {best.offer['year']} : les fichiers publics de "
            f"{best.offer['year']} y listent {first}"
        )
    parts.extend(tail)
    if (thin := best.offer.get("unlisted")) is not None:
        parts.append(unlisted_sentence(thin))
    if (boarding := best.actor.get("boarding_places")) and not best.campus_facts:
        # a campus's own data alone gives it: shown, never ranked outside its territory
        # (graph/pathways/campus_facts.py)
        parts.append(
            f"{boarding} places d'internat selon les données du campus, "
            "sans effet sur le classement hors du territoire du campus"
        )
    elif st.choice.dist is not None and boarding and st.choice.dist > NEAR_KM:
        parts.append(f"distance atténuée : {boarding} places d'internat")
    return " ; ".join(parts) + "."


def _travel_span(steps: int, *, home: bool, near: str | None = None) -> str:
    """What the total trip covers, in words a learner reads without a second look: from home,
    else from the town the territory is drawn around (``near``: where the first step's
    distance starts when no home is given).

    >>> _travel_span(2, home=False, near="Évreux")
    "d'Évreux (centre du territoire) à la dernière étape"
    """
    to = "à l'établissement" if steps == 1 else "à la dernière étape"
    if home:
        return f"du domicile {to}"
    if near:
        return f"{de_place(near)} (centre du territoire) {to}"
    return "de la 1re à la dernière étape" if steps > 1 else "jusqu'à l'établissement"


def approximate_trip(s: Scored) -> bool:
    """Whether the trip's length is said « ~N km »: short, with a leg to a commune's centre
    (place_precision.py). The answer's ``travel_km`` and the sentence say the same."""
    return (
        s.travel_km is not None
        and s.travel_km < NOTED_KM
        and any(
            st.choice.dist is not None
            and st.choice.ranked[0].offer.get("coords_precision") == "commune"
            for st in s.plan
        )
    )


def shown_travel_km(s: Scored) -> float | None:
    """The trip's length as the answer gives it: as :func:`explain` says it (at least
    ``COMMUNE_RADIUS_KM``, to the km, when approximate: a trip of 0.2 km read « ~2 km » in the
    sentence and 0.2 in ``travel_km``, next to a step « ~2 km »)."""
    if s.travel_km is None:
        return None
    if approximate_trip(s):
        return shown_km(s.travel_km, "commune")
    return round(s.travel_km, 1)


def _near(q: PathwayQuery) -> str | None:
    """The name of the town the territory is drawn around, when distances start there."""
    near = q.territory.near
    if q.home is not None or near is None:
        return None
    return near.label or f"{near.lat:.3f}, {near.lon:.3f}"


def meets_job(diploma: Mapping[str, Any], goal: str) -> str:
    """Why a pathway's last diploma meets a job goal, in French: it trains for the job as the
    data says, or, for a BTS common first year, through the options it leads to (its ROME codes
    are its options', ``rome_options``: graph/ingest/opendata/professional.options_romes).

    >>> meets_job({"name": "BTS X"}, "au métier ROME M1810")
    "BTS X prépare au métier ROME M1810 d'après les données importées."
    >>> said = meets_job({"name": "BTS X — 1re année", "rome_options": ["A", "B"]}, "au métier")
    >>> said[:60]
    "BTS X — 1re année mène au métier par l'une de ses options de"
    """
    name = display_name(diploma)
    options = diploma.get("rome_options") or ()
    if not options:
        return f"{name} prépare {goal} d'après les données importées."
    # which of the options trains for the job is not kept: « l'une de ses options », not all
    which = "son option" if len(options) == 1 else "l'une de ses options"
    return (
        f"{name} mène {goal} par {which} de 2e année, d'après les données importées (une 1re "
        "année commune n'a pas de métiers propres, ce sont ceux de ses options) : le métier se "
        "prépare dans l'option suivie après cette 1re année commune."
    )


def explain(
    s: Scored,
    q: PathwayQuery,
    closings: Sequence[str | None] | None = None,
    entries: Sequence[str | None] | None = None,
) -> list[str]:
    """The score's explanation, in French: the whole pathway, then one sentence per step
    (``closings``: per step, what to say of its diploma's closing, graph/pathways/closing.py;
    ``entries``: per step, how it is entered, graph/pathways/entry_words.py).
    """
    n = len(s.plan)
    # the end of 3e is no diploma held (graph/pathways/after_3e.py)
    after = "après la 3e" if is_start_row(s.start) else after_start(display_name(s.start))
    out = [f"{n} étape{'s' if n > 1 else ''} {after}."]
    if s.travel_km is not None:
        approx = approximate_trip(s)
        total = km_phrase(s.travel_km, "commune" if approx else None, note=False)
        span = _travel_span(n, home=q.home is not None, near=_near(q))
        out.append(
            f"Trajet total {total} {AS_CROW} {span}"
            + (f" ({APPROXIMATE_TRIP})" if approx else "")
            + (
                f", plus {unknown} étape{'s' if unknown > 1 else ''} de distance inconnue."
                if (unknown := s.unplaced + s.after_unplaced)
                else "."
            )
        )
    if s.field_points:
        out.append(
            "Continuité de spécialité entre les diplômes (même spécialité de formation ou même "
            "filière)."
        )
    if q.modality:
        out.append(
            f"{s.modality_hits}/{n} étape{'s' if n > 1 else ''} en {MODALITY_FR[q.modality.value]}."
        )
    if q.sector and s.plan:
        # why the pathway meets a job goal: its last diploma trains for it, as the data says,
        # or bears the job's name (graph/pathways/named_job.py)
        last = s.plan[-1].diploma
        named = q.named_goals.get(str(last.get("code")))
        out.append(named or meets_job(last, to_goal(job_label(q))))
    around = frozenset(q.start_departements or ()) | frozenset(q.territory.departements or ())
    mod = q.modality.value if q.modality else None
    closings = closings or [None] * n
    entries = entries or [None] * n
    out.extend(
        step_sentence(i, st, around, mod, closing, entry)
        for (i, st), closing, entry in zip(
            enumerate(s.plan, start=1), closings, entries, strict=True
        )
    )
    return out


def why_none(
    q: PathwayQuery,
    unrestricted: list[Candidate],
    offers: dict[str, list[Offer]],
    any_modality: dict[str, list[Offer]] | None = None,
    undescribed: set[str] | frozenset[str] = frozenset(),
    *,
    origin: tuple[tuple[float, float] | None, str] | None = None,
    unknown_apprenticeship: frozenset[str] = frozenset(),
) -> str:
    """Why a search found no pathway, given the candidates found without the territory and
    modality (``unrestricted``) and the offers of their diplomas (in the requested modality;
    ``any_modality``: the same diplomas' offers in every modality, when one was asked, so that
    a step offered in the territory in another modality is said so, not « aucune offre »).
    ``undescribed``: the diplomas whose kind the data never describes in the modality (their
    offers are every modality's): for them the files' silence is said, not an absence of
    offers in the modality (graph/pathways/undescribed.py). ``origin``: where the nearest
    offer is measured from when the request gives no home nor `near` (the territory's centre
    or préfecture) and how it is said (« du centre du territoire »). ``unknown_apprenticeship``:
    with no modality asked, the diplomas whose kind the files never describe in apprenticeship:
    « aucune offre » of them is the files' voie scolaire only, and is said so."""
    if not unrestricted:
        return (
            f"Aucune passerelle connue ne mène {from_start(q.start_spoken)} {to_goal_phrase(q)} "
            f"en {q.max_steps} étape{'s' if q.max_steps > 1 else ''} au plus."
        )
    # the first step, along the shortest unrestricted pathways, with no offer inside
    missing: dict[str, Row] = {}
    for c in sorted(unrestricted, key=lambda c: len(c.diplomas)):
        for d in c.diplomas[1:]:
            if not any(o.in_territory for o in offers.get(d["code"], [])):
                missing.setdefault(d["code"], d)
                break
    if not missing:
        return f"Aucun parcours {q.territory.describe_in()} avec ces contraintes."
    mod = MODALITY_FR[q.modality.value] if q.modality else None
    parts = []
    for code, d in list(missing.items())[:3]:
        how = f" en {mod}" if mod and code not in undescribed else ""
        found = offers.get(code, [])
        elsewhere = _elsewhere(q, found, origin)
        if elsewhere:
            where = f" ; {elsewhere}"
        elif found:  # nothing to measure from, or no offer located: an example, not « nearest »
            where = f" ; ailleurs, à une distance inconnue : {place(_example(found))}"
        else:
            where = f" ; aucune offre{how} connue ailleurs dans les données importées"
        text = f"aucune offre{how} de {display_name(d)} {q.territory.describe_in()}"
        here = [o for o in (any_modality or {}).get(code, []) if o.in_territory]
        if how and here:
            text += _offered_otherwise(q, here)
        if mod and code in undescribed:
            text += (
                f" (les fichiers publics ne décrivent pas {with_article(mod)} pour "
                f"{kind_label(d)} : à vérifier {ask_whom(mod)})"
            )
        elif mod is None and code in unknown_apprenticeship:
            text += (
                f" connue des fichiers publics, qui ne décrivent pas l'apprentissage pour "
                f"{kind_label(d)} : un CFA du territoire peut en proposer, à vérifier "
                f"{ask_whom('apprentissage')}"
            )
        parts.append(text + where)
    # the list is cut at three: say so (tester24: 3 of the 7 diplomas behind F1703 were
    # named, as if they were all)
    rest = len(missing) - len(parts)
    if rest > 0:
        parts.append(
            f"et {rest} autre{'s' if rest > 1 else ''} diplôme{'s' if rest > 1 else ''} sans "
            f"offre{_in_modality(mod)} {q.territory.describe_in()} non plus"
        )
    return "Pas de parcours : " + " ; ".join(parts) + "."


def _in_modality(mod: str | None) -> str:
    """« en apprentissage » after « offre » when a modality is asked, else nothing."""
    return f" en {mod}" if mod else ""


def _offered_otherwise(q: PathwayQuery, here: list[Offer]) -> str:
    """« (ce diplôme y est proposé en voie scolaire : Lycée X (Cahors)) », or with more than
    one establishment « … dans 212 établissements, par exemple : Lycée X (Cahors)) », the
    example the nearest to the learner when a place is given. One lycée of the Lot was named
    for the whole of France, as if it were the only one (tester18)."""
    modes = sorted({MODALITY_FR.get(o.offer.get("modality") or "", "") for o in here} - {""})
    ref = q.territory.near or q.home
    located = [o for o in here if o.offer.get("lat") is not None]
    if ref is not None and located:
        example = min(
            located, key=lambda o: haversine_km(ref.lat, ref.lon, o.offer["lat"], o.offer["lon"])
        )
    else:
        example = here[0]
    n = len({o.actor.get("id") or o.actor.get("name") for o in here})
    many = f" dans {n} établissements, par exemple" if n > 1 else ""
    return f" (ce diplôme y est proposé en {' ou '.join(modes)}{many} : {place(example)})"


def _elsewhere(
    q: PathwayQuery,
    offers: list[Offer],
    origin: tuple[tuple[float, float] | None, str] | None = None,
) -> str | None:
    """Where ``offers`` (none in the territory) can be followed: « proposé à distance : X
    (formation à distance…) », then the nearest on site if any, else the nearest
    (:func:`_nearest`); None when none is taught at a distance and nothing can be measured."""
    remote = _remote(offers)
    nearest = _nearest(q, offers, origin)
    if remote is not None:  # reachable from anywhere: no place, no km (distance_learning.py)
        name = remote.actor.get("name") or "établissement sans nom"
        where = f"proposé à distance : {name} ({DISTANCE_PHRASE})"
        if nearest:
            where += f" ; {nearest.said('le plus proche sur place')}"
        return where
    return nearest.said("le plus proche") if nearest else None


def _remote(offers: list[Offer]) -> Offer | None:
    """An offer taught at a distance (graph/distance_learning.py), of the largest capacity
    then by name: a learner anywhere may follow it, so a step that has one is said to be
    « proposé à distance », never « le plus proche » at the km of its address."""
    remote = [o for o in offers if is_distance_learning(o.actor)]
    if not remote:
        return None
    return min(remote, key=lambda o: (-(o.offer.get("capacity") or 0), o.actor.get("name") or ""))


class _Said(NamedTuple):
    """The nearest offers of a step as :func:`why_none` says them: the nearest placed one
    (« X (Caen, Calvados), à 91 km »; None: none on the learner's side), and the départements
    of unplaced ones that may lie nearer (graph/pathways/nearest_unplaced.py)."""

    placed: str | None
    unplaced: tuple[str, ...]

    def said(self, label: str) -> str:
        """« le plus proche : X, à 91 km » as before when no unplaced offer may be nearer;
        else « le plus proche dont le lieu est connu : X, à 135 km ; aussi proposé dans le
        département de la Nièvre (58), lieu exact inconnu (peut-être plus près) », or without a
        placed one « proposé dans les départements du Nord (59) et … , lieu exact inconnu »."""
        if not self.unplaced:
            return f"{label} : {self.placed}"
        deps = departements_in(self.unplaced)
        if self.placed is None:
            return f"proposé {deps}, lieu exact inconnu"
        return (
            f"{label} dont le lieu est connu : {self.placed} ; aussi proposé {deps}, lieu exact "
            "inconnu (peut-être plus près)"
        )


def goal_elsewhere_sentence(
    q: PathwayQuery,
    name: str,
    offers: list[Offer],
    origin: tuple[tuple[float, float] | None, str] | None = None,
) -> str | None:
    """What a refusal says of a goal no establishment of the territory prepares while some
    elsewhere do: « X n'est préparé par aucun établissement dans le département des Landes
    (40) d'après les données ; le plus proche : Y (Pau), à 70 km » (:func:`_elsewhere`: a
    goal taught at a distance « proposé à distance : CNED (…) »); None when the data knows
    no current offer of it (an old headcount of a replaced diploma is none) or none is taught
    at a distance and nothing can be measured from."""
    current = [o for o in offers if o.offer.get("status") != "renewed"]
    if not current or any(o.in_territory for o in current):
        return None
    # a goal taught at a distance is said so, as a step's is (review26: a goal the CNED
    # alone prepares had no sentence, _nearest leaving distance teaching out)
    where = _elsewhere(q, current, origin)
    if where is None:
        return None
    return (
        f"{name} n'est préparé par aucun établissement {q.territory.describe_in()} d'après les "
        f"données ; {where}."
    )


def _nearest(
    q: PathwayQuery,
    offers: list[Offer],
    origin: tuple[tuple[float, float] | None, str] | None = None,
) -> _Said | None:
    """The nearest offers from the learner's home or ``near`` (else ``origin``), with the
    départements of unplaced ones that may be nearer; None when nothing can be measured from
    or no offer is on the learner's side of the sea with a place or a département."""
    ref = q.territory.near or q.home
    if ref is not None:
        point, said = (ref.lat, ref.lon), ""
    elif origin is not None and origin[0] is not None:
        point, said = origin[0], f" {origin[1]}"
    else:  # nothing to measure from (a territory nothing places): none is « nearest »
        return None
    found = nearest_offers(point, offers)
    if found.offer is None and not found.departements:
        return None
    placed = None
    if found.offer is not None and found.km is not None:
        precision = found.offer.offer.get("coords_precision")
        placed = f"{place(found.offer)}, à {fmt_km(found.km, precision)}{said}"
    return _Said(placed, found.departements)


def _example(offers: list[Offer]) -> Offer:
    """The offer named when none can be said to be the nearest: a located one of the largest
    capacity (then by name), so that the example can be found on a map."""
    return min(
        offers,
        key=lambda o: (
            o.offer.get("lat") is None or is_distance_learning(o.actor),
            -(o.offer.get("capacity") or 0),
            o.actor["name"],
        ),
    )


def too_far_sentence(s: Scored, point: tuple[float, float] | None, origin_label: str) -> str:
    """The nearest pathway outside the territory, too far to be proposed: where it leads and
    how far (« Hors du territoire, le parcours connu le plus proche mène à … : à 563 km du
    domicile, au-delà de 150 km, il n'est pas proposé. »)."""
    far = [st for st in s.plan if not st.choice.ranked[0].in_territory]
    st = far[0] if far else s.plan[-1]
    best = st.choice.ranked[0]
    where = f"{display_name(st.diploma)}, {at_place(best)}"
    lat, lon = best.offer.get("lat"), best.offer.get("lon")
    if point is not None and lat is not None and lon is not None:
        km = fmt_km(haversine_km(point[0], point[1], lat, lon), best.offer.get("coords_precision"))
        return (
            f"Hors du territoire, le parcours connu le plus proche passe par {where}, "
            f"à {km} {origin_label} : au-delà de {OUTSIDE_MAX_KM:.0f} km, il n'est pas proposé."
        )
    return (
        f"Hors du territoire, le parcours connu le plus proche passe par {where}, à une distance "
        f"inconnue : il n'est pas proposé."
    )
