"""What the public files cannot show at the goal's level, said beside the pathways.

Two silences of the files would otherwise read as facts about the territory:

- Diplomas of the goal's level in the start's own trade that no file lists any offer of
  (:func:`same_trade`, :func:`unoffered_notice`): the brevets professionnels (BP boulanger,
  BP coiffure, BP électricien…) are prepared in apprenticeship or in continuing education,
  which Affelnet and the constat (voie scolaire) do not describe; an apprentice adviser asking
  for level 4 after a CAP boulanger was shown only a Bac pro in a lycée. They are named, never
  proposed as a pathway: no offer, and no passerelle from the start, is known (a passerelle
  CAP → BP is a fact only with a cited source, which the files do not give).
- Bac+3 and Bac+5 goals (:func:`upper_levels_notice`): the data knows only the programmes
  entered after the bac (Parcoursup) and those of campus documents; licences professionnelles
  (the usual step after a BTS), masters and schools recruiting after a Bac+2 are not in it.
  The gap report's own rule and words (:data:`graph.thin_coverage.UPPER_LEVELS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from graph.diploma_names import display_name
from graph.diploma_search import same_stem
from graph.inference.evidence import option_family, title_words
from graph.pathways.job import to_goal
from graph.thin_coverage import UNSURE_FROM, UPPER_LEVELS

__all__ = [
    "UNSEEN_TYPES",
    "job_unoffered",
    "job_unoffered_notice",
    "nowhere_offered",
    "same_trade",
    "shares_trade",
    "unoffered_notice",
    "unknowable_goal",
    "upper_levels_notice",
]

Row = Mapping[str, Any]

# Words of a title that name the kind of diploma, not its trade (beside title_words' own).
_KIND_WORDS = frozenset(
    {
        "BREVET",
        "PROFESSIONNEL",
        "PROFESSIONNELLE",
        "MENTION",
        "COMPLEMENTAIRE",
        "DIPLOME",
        "CERTIFICAT",
        "SPECIALISATION",
    }
)

# where a title's orientation starts (« … : orientation commerce »)
_ORIENTATION = re.compile(r"\s*:?\s+orientation\s", re.IGNORECASE)

# Types of Bac+3/Bac+5 programmes entered after a Bac+2, which the files do not list
# (UPPER_LEVELS): a goal of one of these types carries the warning; a BUT, a licence, an
# engineering school or a CPGE goal (entered after the bac, in Parcoursup) does not.
UNSEEN_TYPES = frozenset({"licence_pro", "master", "mastere_specialise"})

NAMED = 4  # the diplomas named at most (the others counted)

# An engineering school goal (tester19: BTS électrotechnique → diplôme d'ingénieur, « aucune
# passerelle » in every région, with post-bac programmes as examples): the files list the
# engineering programmes entered after the bac (Parcoursup), never the entries after a Bac+2.
ENGINEERING_AFTER_BAC2 = (
    "Écoles d'ingénieurs : les données ne connaissent que les formations où l'on entre après "
    "le bac (Parcoursup) et celles des documents de campus ; les admissions après un BTS, un "
    "BUT ou une licence (admissions parallèles, prépa ATS…) n'y figurent pas : une absence de "
    "parcours par ces voies est à vérifier auprès des écoles."
)


def _trade_words(d: Row, *, start: bool = False) -> frozenset[str]:
    """The words of a diploma's trade: those of its title before its « orientation », and for
    a ``start`` before its option too (:func:`_programme`). A goal's option stays: the DMA
    « arts graphiques option gravure » is the trade of a CAP métiers de la gravure."""
    name = str(d.get("name") or "")
    trade = _programme(name) if start else _ORIENTATION.split(name, maxsplit=1)[0]
    return title_words(trade) - _KIND_WORDS


def _programme(name: str) -> str:
    """A title without its option or orientation (« … option A animation et gestion de
    l'espace commercial », « … en vins et produits dérivés : orientation commerce »).

    >>> _programme("Certificat de spécialisation responsable technico-commercial : orientation "
    ...            "commerce")
    'Certificat de spécialisation responsable technico-commercial'
    >>> _programme("CAP boulanger")
    'CAP boulanger'
    """
    cut = _ORIENTATION.split(name, maxsplit=1)[0]
    return option_family(cut) or cut


def same_trade(start: Row, candidates: Iterable[Row]) -> list[Row]:
    """The ``candidates`` of the start's trade: the same NSF group and a significant word of
    the title in common (« boulanger »), ordered by name. A NSF group alone is too wide (221
    holds bakers, butchers and cooks), a word alone too loose; a start's option and an
    orientation are no trade (:func:`_trade_words`: the Bac pro « métiers du commerce et de
    la vente option A animation et gestion de l'espace commercial » is a trade of commerce and
    sales, and the « Certificat de spécialisation responsable technico-commercial en vins et
    produits dérivés : orientation commerce » one of wine sales, tester25).

    >>> cap = {"code": "50022137", "name": "CAP boulanger", "nsf": "221"}
    >>> bps = [
    ...     {"code": "45022108", "name": "BP boulanger", "nsf": "221"},
    ...     {"code": "45022109", "name": "BP boucher", "nsf": "221"},
    ...     {"code": "45033401", "name": "BP boulanger", "nsf": "334"},
    ... ]
    >>> [d["code"] for d in same_trade(cap, bps)]
    ['45022108']
    >>> same_trade({"code": "x", "name": "CAP boulanger", "nsf": None}, bps)
    []
    >>> mcv = {"code": "40031213", "nsf": "312", "name": "Bac pro métiers du commerce et de "
    ...        "la vente option A animation et gestion de l'espace commercial"}
    >>> same_trade(mcv, [{"code": "56131201", "nsf": "312", "name": "Certificat de "
    ...                   "spécialisation responsable technico-commercial en vins"}])
    []
    """
    nsf, words = start.get("nsf"), _trade_words(start, start=True)
    if not nsf or not words:
        return []
    found = [
        d
        for d in candidates
        if d.get("code") != start.get("code") and d.get("nsf") == nsf and words & _trade_words(d)
    ]
    return sorted(found, key=lambda d: (display_name(dict(d)), str(d.get("code"))))


def shares_trade(before: Row, after: Row) -> bool:
    """Whether a diploma's title holds a word of its previous diploma's trade, or a form of
    one (:func:`graph.diploma_search.same_stem`): « pâtissier » in the Bac pro boulanger
    pâtissier after a CAP pâtissier, « agencement » in the BTS étude et réalisation
    d'agencement after a Bac pro technicien menuisier agenceur. Kind words and the previous
    diploma's option are no trade (:func:`_trade_words`).

    >>> tma = {"name": "Bac pro technicien menuisier agenceur"}
    >>> shares_trade(tma, {"name": "BTS étude et réalisation d'agencement"})
    True
    >>> shares_trade({"name": "CAP pâtissier"}, {"name": "Bac pro technicien conseil vente en "
    ...     "alimentation (produits alimentaires et boissons)"})
    False
    """
    words = [w.lower() for w in _trade_words(before, start=True)]
    return any(
        w == x or same_stem(w, x) for x in (v.lower() for v in _trade_words(after)) for w in words
    )


def unoffered_notice(diplomas: Iterable[Row], level: int) -> str | None:
    """The notice (French) naming the diplomas of the goal's ``level`` in the start's trade
    that no public file lists an offer of, or None when there are none.

    >>> print(unoffered_notice([{"code": "45022108", "name": "BP boulanger"}], 4))
    Au niveau 4, de la même spécialité : BP boulanger, non décrit par les fichiers publics \
(aucune offre n'y figure), à vérifier auprès des CFA ; il n'est donc pas proposé comme parcours.
    >>> unoffered_notice([], 4) is None
    True
    """
    names = list(dict.fromkeys(display_name(dict(d)) for d in diplomas))
    if not names:
        return None
    shown = names[:NAMED]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " et " + shown[-1]
    if len(names) > NAMED:
        listed += f" (et {len(names) - NAMED} autres)"
    one = len(names) == 1
    return (
        f"Au niveau {level}, de la même spécialité : {listed}, "
        + ("non décrit" if one else "non décrits")
        + " par les fichiers publics (aucune offre n'y figure), à vérifier auprès des CFA ; "
        + ("il n'est donc pas proposé" if one else "ils ne sont donc pas proposés")
        + " comme parcours."
    )


def job_unoffered(
    diplomas: Iterable[Row], start_level: int | None, to_level: int | None
) -> list[Row]:
    """Those of a job goal's ``diplomas`` without any offer in the files (the rows of
    ``pathway_unoffered_of_codes``) that the answer names: above the start's level
    (``start_level``, the lowest of the starts) and of the goal level or more when one is asked;
    ordered by level, then name.

    >>> bp = {"code": "45025516", "name": "BP électricien", "level": 4}
    >>> cap = {"code": "50025524", "name": "CAP électricien", "level": 3}
    >>> [d["code"] for d in job_unoffered([cap, bp], 3, None)]
    ['45025516']
    >>> [d["code"] for d in job_unoffered([cap, bp], 2, None)]
    ['50025524', '45025516']
    >>> job_unoffered([cap, bp], 2, 5)
    []
    """
    floor = max(start_level or 0, (to_level or 0) - 1)
    kept = [d for d in diplomas if isinstance(d.get("level"), int) and d["level"] > floor]
    return sorted(kept, key=lambda d: (d["level"], display_name(dict(d)), str(d.get("code"))))


def job_unoffered_notice(diplomas: Iterable[Row], job: str) -> str | None:
    """The notice (French) naming the diplomas of the goal ``job`` (« métier ROME F1602 ») that
    no public file lists an offer of — the start-diploma answers' notice
    (:func:`unoffered_notice`) for a job goal: an apprentice asking for the job of electrician
    after a CAP was told nothing of the BP électricien. None when there are none.

    >>> print(job_unoffered_notice([{"code": "45025516", "name": "BP électricien"}],
    ...                            "métier ROME F1602"))
    Prépare aussi au métier ROME F1602 d'après les fiches Certif Info : BP électricien, non \
décrit par les fichiers publics (aucune offre n'y figure), à vérifier auprès des CFA ; il \
n'est donc pas proposé comme parcours.
    >>> job_unoffered_notice([], "métier ROME F1602") is None
    True
    """
    names = list(dict.fromkeys(display_name(dict(d)) for d in diplomas))
    if not names:
        return None
    shown = names[:NAMED]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " et " + shown[-1]
    if len(names) > NAMED:
        more = len(names) - NAMED
        listed += f" (et {more} {'autre' if more == 1 else 'autres'})"
    one = len(names) == 1
    return (
        ("Prépare" if one else "Préparent")
        + f" aussi {to_goal(job)} d'après les fiches Certif Info : {listed}, "
        + ("non décrit" if one else "non décrits")
        + " par les fichiers publics (aucune offre n'y figure), à vérifier auprès des CFA ; "
        + ("il n'est donc pas proposé" if one else "ils ne sont donc pas proposés")
        + " comme parcours."
    )


def nowhere_offered(goal: str) -> str:
    """What an answer says of a goal (a diploma, or a type of diploma, in French) no offer of
    the graph names anywhere: the files do not describe it, whatever the territory — never
    « aucune offre dans un rayon de 40 km » nor « essayez un territoire plus large » (a BP
    boulanger asked around Orléans: 243 BP diplomas, no offer of any in France).

    >>> print(nowhere_offered("BP boulanger"))
    Les données importées ne décrivent nulle part d'offre de BP boulanger : aucun \
parcours ne peut y mener dans ces données, quel que soit le territoire ; une offre est à \
vérifier auprès des CFA et des établissements.
    """
    return (
        f"Les données importées ne décrivent nulle part d'offre de {goal} : aucun "
        "parcours ne peut y mener dans ces données, quel que soit le territoire ; une offre "
        "est à vérifier auprès des CFA et des établissements."
    )


def upper_levels_notice(level: int | None, to_type: str | None) -> str | None:
    """The gap report's warning on Bac+3 and Bac+5 (:data:`UPPER_LEVELS`), for a goal of those
    levels the files may not show: a level of :data:`UNSURE_FROM` or more asked without a
    type, or a type of :data:`UNSEEN_TYPES`; for an engineering school goal, what the files
    know of engineering schools (:data:`ENGINEERING_AFTER_BAC2`).

    >>> upper_levels_notice(6, None).startswith("Aux niveaux Bac+3 et Bac+5")
    True
    >>> upper_levels_notice(6, "but") is None, upper_levels_notice(5, None) is None
    (True, True)
    >>> upper_levels_notice(None, "licence_pro") is not None
    True
    >>> upper_levels_notice(None, "ingenieur").startswith("Écoles d'ingénieurs")
    True
    """
    if to_type == "ingenieur":
        return ENGINEERING_AFTER_BAC2
    asked = (to_type is None and level is not None and level >= UNSURE_FROM) or (
        to_type in UNSEEN_TYPES
    )
    return UPPER_LEVELS.strip() if asked else None


def unknowable_goal(start_level: int | None, level: int | None, to_type: str | None) -> bool:
    """Whether a goal is one the data cannot know the way to from a start of ``start_level``
    (the lowest level among the start diplomas): a start at Bac+2 or above (level 5) towards a
    goal of :func:`upper_levels_notice` — the admissions after a Bac+2 (admissions
    parallèles, prépa ATS, licence pro and master entries) are in no file. With no pathway,
    a wider territory would not help: the answer says to ask the establishments instead.

    >>> unknowable_goal(5, None, "ingenieur"), unknowable_goal(5, 6, None)
    (True, True)
    >>> unknowable_goal(4, None, "ingenieur"), unknowable_goal(5, None, "but")
    (False, False)
    """
    return (
        start_level is not None
        and start_level >= 5
        and upper_levels_notice(level, to_type) is not None
    )
