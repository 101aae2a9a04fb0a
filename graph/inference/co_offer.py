"""Programmes prepared in the same establishments: evidence that one continues into the other.

A lycée that prepares a Bac pro and a BTS of the same trade usually opened the BTS for its own
Bac pro pupils (the « lycée des métiers » pattern); a CFA that trains for a CAP and a Bac pro of
one trade takes its apprentices from one to the other. Counted over the national activity files
(every establishment that prepares the two diplomas, any year, any modality), this tells the
usual continuation from a neighbour that only shares a job code: Bac pro TRPM and BTS CPRP are
prepared together in 49 establishments, Bac pro TRPM and BTS Conception et réalisation de
carrosserie in one.

The measure is the Ochiai coefficient ``together / sqrt(n_from × n_to)``: the share of one
diploma's establishments that prepare the other, taken both ways, so that a BTS prepared
everywhere (BTS MCO) does not win only by being common, nor a rare one by being rare. It adds
points to a candidate that the nomenclatures already tie to the origin
(:func:`graph.inference.rules._scored`); alone it never makes a continuation: two unrelated
programmes of a large lycée polyvalent are prepared together too. Pure functions.
"""

from __future__ import annotations

import math
from collections.abc import Set
from dataclasses import dataclass

__all__ = ["MIN_TOGETHER", "OCHIAI_FULL", "P_CO_OFFER", "CoOffer", "co_offer"]

P_CO_OFFER = 4.0  # points (of graph.inference.evidence.STRENGTH_FULL) at OCHIAI_FULL or more
OCHIAI_FULL = 0.3  # TRPM → CPRP 0.30, TEB → BTS Bâtiment 0.36; unrelated pairs stay below 0.1
MIN_TOGETHER = 2  # one establishment preparing both is no pattern


@dataclass(frozen=True)
class CoOffer:
    together: int  # establishments preparing both
    n_from: int  # establishments preparing the origin
    n_to: int  # establishments preparing the target
    points: float
    sentence: str  # French, for counsellors


def co_offer(origin: Set[str], target: Set[str]) -> CoOffer | None:
    """What preparing the two diplomas in the same establishments adds to a candidate
    continuation, or None when too few establishments prepare both.

    >>> trpm = {f"E{i}" for i in range(170)}
    >>> cprp = {f"E{i}" for i in range(121, 274)}  # 49 in common, 153 in all
    >>> c = co_offer(trpm, cprp)
    >>> c.together, round(c.points, 2)
    (49, 4.0)
    >>> c.sentence
    'préparés tous deux dans 49 établissements'
    >>> co_offer(trpm, {"E0", "X1", "X2"}) is None
    True
    """
    if not origin or not target:
        return None
    together = len(origin & target) if len(origin) <= len(target) else len(target & origin)
    if together < MIN_TOGETHER:
        return None
    ochiai = together / math.sqrt(len(origin) * len(target))
    points = P_CO_OFFER * min(ochiai / OCHIAI_FULL, 1.0)
    return CoOffer(
        together,
        len(origin),
        len(target),
        points,
        f"préparés tous deux dans {together} établissements",
    )
