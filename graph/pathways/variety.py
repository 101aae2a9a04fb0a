"""Different diplomas first: the options of one diploma do not fill the first places. Pure
functions.

A counsellor reads the first answers as the choices open to the learner. Three options of one
BTSA (Loiret, Bac pro logistique → BTS in apprenticeship: « univers jardins et animaux de
compagnie », « produits de la filière forêt bois », « biens et services pour l'agriculture », all
at the same CFA, same score) are one choice, and pushed the usual BTS GTLA to the 4th place.
So among the pathways of an answer, the best one of each *programme* (a diploma with its options
and its common first year: :func:`programme_key`) comes first, in the order of their scores;
the other options of a programme already shown follow, in their order, and a notice says so.
The scores are unchanged: only the order of pathways of the same programme moves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from graph.pathways.scoring import Scored
from graph.programme_names import programme_words

__all__ = ["formation_key", "later_options_notice", "programme_key", "varied"]

_BTSA = re.compile(r"\bBTSA\b", re.IGNORECASE)


def programme_key(d: Mapping[str, Any]) -> tuple[str, str]:
    """The programme of a diploma: its type and its name without option, common-year marker
    nor diploma type in parentheses, without accents or punctuation
    (:func:`graph.programme_names.programme_words`, the import's rule too).

    >>> programme_key({"type": "bts", "name": "BTSA technico-commercial option univers jardins et animaux de compagnie"})
    ('bts agricole', 'TECHNICO COMMERCIAL')
    >>> programme_key({"type": "bts", "name": "MAINTENANCE DES SYSTEMES OPTION A SYSTEMES DE PRODUCTION (BTS)"})
    ('bts', 'MAINTENANCE DES SYSTEMES')
    >>> programme_key({"type": "bts", "name": "CONCEPTION DES PROCESSUS DE REALISATION DE PRODUITS BTS 1ERE ANNEE COMMUNE"})
    ('bts', 'CONCEPTION DES PROCESSUS DE REALISATION DE PRODUITS')
    >>> programme_key({"type": "bts", "name": "ELECTROTECHNIQUE (BTS)"})
    ('bts', 'ELECTROTECHNIQUE')
    >>> programme_key({"type": "bts", "name": "BTS maintenance des véhicules option B : véhicules de transport routier"})
    ('bts', 'MAINTENANCE DES VEHICULES')
    """  # noqa: E501
    return _programme(str(d.get("name") or ""), str(d.get("type") or ""), str(d.get("code") or ""))


@lru_cache(maxsize=16_384)
def _programme(name: str, kind: str, code: str) -> tuple[str, str]:
    """:func:`programme_key` of a name, type and code, kept: a search from a level asks it of
    the same few hundred diplomas thousands of times (the name's patterns are most of it)."""
    if _BTSA.search(name):  # BTSA technico-commercial is not BTS technico-commercial
        kind += " agricole"
    return (kind, " ".join(programme_words(name)) or code)


def _key(s: Scored, any_start: bool = False) -> tuple[tuple[str, str], ...]:
    steps = tuple(programme_key(st.diploma) for st in s.plan)
    return steps if any_start else (programme_key(s.start), *steps)


def formation_key(steps: Sequence[Mapping[str, Any]]) -> tuple[tuple[str, str], ...]:
    """What makes a pathway of a search from a level a different choice: the programmes of its
    diplomas after the start (:func:`varied` with ``any_start``)."""
    return tuple(programme_key(d) for d in steps)


def varied(shown: Sequence[Scored], *, any_start: bool = False) -> list[Scored]:
    """The pathways with the best one of each programme first (in their order), then the
    others in their order.

    ``any_start``: the question starts from a level (any diploma of it), so the start does
    not make a choice different: the same programme reached from two diplomas of the level
    (Bac pro SN option A and Bac pro CIEL → BTS CIEL at the same lycée) is one choice. Its
    first pathway is then the best one whose start is still open, if any: a learner asking
    today most likely holds a diploma still delivered."""
    groups: dict[tuple[tuple[str, str], ...], list[Scored]] = {}
    for s in shown:
        groups.setdefault(_key(s, any_start), []).append(s)
    first: list[Scored] = []
    for members in groups.values():
        lead = members[0]
        if any_start:
            lead = next((m for m in members if not m.start.get("closed")), lead)
        first.append(lead)
    chosen = {id(s) for s in first}
    return first + [s for s in shown if id(s) not in chosen]


def later_options_notice(
    before: Sequence[Scored], after: Sequence[Scored], *, any_start: bool = False
) -> str | None:
    """What the reordering moved, in French, or None when it moved nothing."""
    if [id(s) for s in before] == [id(s) for s in after]:
        return None
    firsts: set[tuple[tuple[str, str], ...]] = set()
    moved: list[int] = []
    for i, s in enumerate(after, start=1):
        key = _key(s, any_start)
        if key in firsts:
            moved.append(i)
        firsts.add(key)
    if not moved:  # only an open start put before a closed one of the same programme
        return None
    numbers = _numbers(moved)
    if any_start:
        return (
            "Pour montrer d'abord des formations différentes, une même formation atteinte "
            "depuis un autre diplôme de départ, ou une autre option du même diplôme, est "
            f"classée après ({numbers}), quel que soit son score."
        )
    return (
        "Pour montrer d'abord des diplômes différents, les autres options d'un même diplôme "
        f"sont classées après ({numbers}), quel que soit leur score."
    )


def _numbers(ranks: list[int]) -> str:
    """Pathway numbers as a counsellor writes them.

    >>> _numbers([3]), _numbers([3, 4]), _numbers([4, 5, 6, 7, 9])
    ('n° 3', 'n° 3, n° 4', 'n° 4 à 7, n° 9')
    """
    runs: list[list[int]] = []
    for r in ranks:
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return ", ".join(
        f"n° {run[0]} à {run[-1]}" if len(run) > 2 else ", ".join(f"n° {r}" for r in run)
        for run in runs
    )
