"""What an answer says of a start from a bac: a bac général opens no inferred passerelle
(docs/inferred-passerelles.md, « Bac technologique »), and a start by level 4 says which
diplomas of that level it starts from. Pure sentences over the start diplomas' types."""

from __future__ import annotations

from collections.abc import Iterable

from graph.labels import TYPE_FR

__all__ = ["GENERAL_BAC_SENTENCE", "general_bac_reason", "level_start_notice"]

GENERAL_BAC_SENTENCE = (
    "Avec un bac général, les formations post-bac s'ouvrent sur dossier via Parcoursup ; "
    "les données ne décrivent pas de passerelle propre à ce diplôme."
)
# what a level-4 start says of the bac général, in short
GENERAL_BAC_SHORT = "Bac général : pas de passerelle décrite, admission sur dossier via Parcoursup."
# the order a counsellor reads the diplomas of level 4 in
_ORDER = ("bac_pro", "bac_techno", "bp", "mc", "fcil", "titre_pro", "cqpm")


def general_bac_reason(start_types: list[str], reason: str) -> str:
    """``reason`` preceded by :data:`GENERAL_BAC_SENTENCE` for a start from a bac général.

    >>> general_bac_reason(["bac_general"], "Rien.").endswith("propre à ce diplôme. Rien.")
    True
    >>> general_bac_reason(["bac_pro"], "Aucune passerelle.")
    'Aucune passerelle.'
    """
    if start_types == ["bac_general"]:
        return f"{GENERAL_BAC_SENTENCE} {reason}"
    return reason


def level_start_notice(level: int | None, start_types: Iterable[str]) -> str | None:
    """For a start by level 4: in one short sentence, the diplomas a counsellor expects (Bac
    pro, bac technologique) and how many other kinds the start covers, then why not from a
    bac général (None for another level). A list of every kind (« brevet professionnel,
    mention complémentaire, FCIL, autre formation… ») told the counsellor nothing.

    >>> print(level_start_notice(4, ["bac_general", "bac_techno", "bac_pro", "bp", "mc"]))
    Départ de niveau 4 : parcours depuis un Bac pro ou un bac technologique (et 2 autres types \
de diplôme) ; partez d'un diplôme précis pour un parcours ciblé. Bac général : pas de passerelle \
décrite, admission sur dossier via Parcoursup.
    >>> print(level_start_notice(4, ["bp"]))
    Départ de niveau 4 : parcours depuis un brevet professionnel ; partez d'un diplôme précis \
pour un parcours ciblé.
    >>> level_start_notice(4, ["mc"])[:54]
    'Départ de niveau 4 : parcours depuis une mention compl'
    >>> level_start_notice(3, ["cap"]) is None
    True
    """
    if level != 4:
        return None
    types = set(start_types) - {"bac_general"}
    named = [t for t in _ORDER[:2] if t in types] or sorted(types, key=_rank)[:1]
    others = len(types - set(named))
    text = "Départ de niveau 4 : parcours depuis " + " ou ".join(
        f"{'une' if t in _FEMININE else 'un'} {TYPE_FR.get(t, t)}" for t in named
    )
    if others:
        text += f" (et {others} autre{'s' if others > 1 else ''} type{'s' if others > 1 else ''}"
        text += " de diplôme)"
    text += " ; partez d'un diplôme précis pour un parcours ciblé."
    if "bac_general" in set(start_types):
        text += " " + GENERAL_BAC_SHORT
    return text


_FEMININE = frozenset({"mc", "other"})  # « une mention complémentaire », « une autre formation »


def _rank(t: str) -> tuple[int, str]:
    return (_ORDER.index(t) if t in _ORDER else len(_ORDER), t)
