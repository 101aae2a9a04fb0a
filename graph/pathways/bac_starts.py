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
    """For a start by level 4: the kinds of diplomas the pathways start from, and why not
    from a bac général (None for another level).

    >>> print(level_start_notice(4, ["bac_general", "bac_techno", "bac_pro"])[:93])
    Départ de niveau 4 : les parcours partent des diplômes suivants : Bac pro, bac technologique.
    >>> level_start_notice(3, ["cap"]) is None
    True
    """
    if level != 4:
        return None
    types = set(start_types)
    kinds = [TYPE_FR[t] for t in _ORDER if t in types]
    kinds += sorted(TYPE_FR.get(t, t) for t in types - set(_ORDER) - {"bac_general"})
    text = f"Départ de niveau 4 : les parcours partent des diplômes suivants : {', '.join(kinds)}."
    return f"{text} {GENERAL_BAC_SENTENCE}" if "bac_general" in types else text
