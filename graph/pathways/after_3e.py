"""A start « fin de 3e (sans diplôme) » (``from_level=2``, the « niveau infra-3 » of the
French nomenclature): a pupil who holds no diploma yet. Such a pathway has no start diploma:
its first step is a programme entered after 3e, reached from a start row that no table holds
(:func:`start_row`) by a leg of its own (:data:`ENTRY_LEG`), never shown as a diploma held.

What is entered after 3e is what the data says: every diploma the Affelnet files
(``attractivite_capacite_*``, the offers after 3e) list an offer of, and every CAP (its first
year) and Bac pro (the 2de professionnelle), which a CFA offers outside Affelnet and which a
graph of seeds only knows without any Affelnet file (:func:`entered_after_3e`). Affelnet
also assigns pupils who hold a CAP or a Bac pro: a mention complémentaire (and its successor,
the certificat de spécialisation) and a brevet des métiers d'art (BCN type 401, prepared after
a CAP) are entered after a diploma, never after 3e (on the national files, 27 of the 347
diplomas Affelnet lists). A diploma of level 5 or more never is, whatever a file says; a
diploma the BCN closed is left to its successors as any step is (graph/pathways/search.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "ENTRY_LEG",
    "LEVEL",
    "START_CODE",
    "START_LABEL",
    "START_NOTICE",
    "ENTRY_SENTENCE",
    "entered_after_3e",
    "is_start_row",
    "start_row",
]

Row = dict[str, Any]

# the level of a start « fin de 3e » (from_level): below the CAP's 3
LEVEL = 2
# the start row's key in a search; never shown (the answer's start step has no code)
START_CODE = "FIN-DE-3E"
START_LABEL = "fin de 3e (sans diplôme)"
# the diploma types entered after 3e whether or not an Affelnet file lists them
_ENTRY_TYPES = frozenset({"cap", "bac_pro"})
# entered after a CAP or a Bac pro, though Affelnet lists them: the mention complémentaire
# (certificat de spécialisation), and by their BCN type code the brevets des métiers d'art
_AFTER_A_DIPLOMA_TYPES = frozenset({"mc"})
_AFTER_A_DIPLOMA_BCN = frozenset({"401"})
# what a step entered from the end of 3e says of its « passerelle »
ENTRY_SENTENCE = "entrée après la 3e (formation ouverte aux élèves de 3e)"

# what an answer from the end of 3e says first
START_NOTICE = (
    "Départ en fin de 3e (sans diplôme) : la première étape est une formation ouverte aux "
    "élèves de 3e (CAP, Bac pro et les autres formations de l'affectation Affelnet)."
)

# the leg from the end of 3e to a programme entered after it: no passerelle of the graph, no
# figures, no strength (so that nothing scores it as inferred); any modality
ENTRY_LEG: Row = {
    "kind": "continuation",
    "passerelle_origin": "after_3e",
    "passerelle_id": None,
}


def start_row() -> Row:
    """The start of a pathway from the end of 3e, as the search reads a diploma row."""
    return {
        "code": START_CODE,
        "name": "Fin de 3e (sans diplôme)",
        "source_name": None,
        "type": "none",
        "level": LEVEL,
        "nsf": None,
        "after_3e": True,
    }


def is_start_row(d: Mapping[str, Any]) -> bool:
    """Whether a pathway's start is the end of 3e (no diploma held)."""
    return bool(d.get("after_3e"))


def entered_after_3e(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The codes of the diplomas a pupil enters at the end of 3e, from the rows of
    ``pathway_entry_after_3e`` (code, type, level, closed, bcn_type, affelnet): listed by
    Affelnet, or a CAP or a Bac pro; of level 4 at most; never one entered after a diploma
    (a mention complémentaire, a brevet des métiers d'art); sorted.

    >>> entered_after_3e([
    ...     {"code": "C", "type": "cap", "level": 3, "affelnet": False},
    ...     {"code": "B", "type": "bac_pro", "level": 4, "affelnet": True},
    ...     {"code": "T", "type": "other", "level": 4, "bcn_type": "420", "affelnet": True},
    ...     {"code": "A", "type": "other", "level": 4, "bcn_type": "401", "affelnet": True},
    ...     {"code": "M", "type": "mc", "level": 3, "affelnet": True},
    ...     {"code": "S", "type": "bts", "level": 5, "affelnet": True},
    ... ])
    ['B', 'C', 'T']
    """
    return sorted(
        str(r["code"])
        for r in rows
        if (r.get("level") or 0) <= 4
        and (r.get("affelnet") or r.get("type") in _ENTRY_TYPES)
        and r.get("type") not in _AFTER_A_DIPLOMA_TYPES
        and r.get("bcn_type") not in _AFTER_A_DIPLOMA_BCN
    )
