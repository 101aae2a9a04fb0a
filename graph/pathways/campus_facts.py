"""Facts only a campus's own data gives, and where they may rank establishments.

The public national files say nothing of boarding places (« places d'internat »), and give the
capacity of an offer only for some kinds of offers; a campus's file gives them for its own
establishments (the Mecanic Vallée data names the boarding places of three lycées: the only
ones of the country). Ranking every establishment of France with them would let one campus's
file decide where learners elsewhere are sent: a tester saw a CS soudage placed at Decazeville
(616 km from Bastia, « distance atténuée : 150 places d'internat ») rather than at Manosque
(323 km), and a Bac pro 151 km from Clermont-Ferrand ranked before one at 138 km.

So such a fact ranks an establishment only where that kind of fact is known for the whole
territory the question compares: inside a campus's territory (``campus=``), where every
establishment compared belongs to the campus whose data speaks of them all. Elsewhere it is
shown (the offer's ``boarding_places``, ``capacity``) but changes neither the order of a
step's establishments nor the pathway's score. The same pattern as the modalities a campus
alone describes (:func:`graph.pathways.undescribed.is_undescribed`): a campus's fact speaks
for the campus's territory only.

An :class:`~graph.pathways.scoring.Offer` carries whether its campus facts rank
(``campus_facts``), set when the request flags it in a campus territory
(:func:`graph.pathways.search.flag_usable`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["campus_only_capacity", "ranking_boarding", "ranking_capacity"]

Row = Mapping[str, Any]

# how an offer's source names a figure read in the public files (graph/ingest/opendata): a
# campus offer whose capacity the import found there keeps it as a public figure
_PUBLIC_SOURCE = "opendata "
_CAMPUS_ORIGINS = ("seed", "edit")  # a campus's file, a campus's edit (graph/edits.py)


def campus_only_capacity(offer: Row) -> bool:
    """Whether an offer's capacity is a campus's own figure: an offer of a campus's file or of
    an edit (``origin`` ``seed`` or ``edit``) whose source is not a public file.

    >>> campus_only_capacity({"origin": "seed", "capacity": 15, "source": "004.txt §9.4"})
    True
    >>> campus_only_capacity({"origin": "seed", "capacity": 12, "source": "opendata BTS.csv"})
    False
    >>> campus_only_capacity({"origin": "import", "capacity": 24, "source": "affelnet.csv"})
    False
    """
    if offer.get("capacity") is None or offer.get("origin") not in _CAMPUS_ORIGINS:
        return False
    return not str(offer.get("source") or "").startswith(_PUBLIC_SOURCE)


def ranking_boarding(actor: Row, campus_facts: bool) -> int | None:
    """The boarding places that soften a far step's km (:func:`graph.pathways.scoring.
    effective_km`): the establishment's, only where campus facts rank (a campus's data alone
    gives them).

    >>> lycee = {"boarding_places": 150}
    >>> ranking_boarding(lycee, True), ranking_boarding(lycee, False)
    (150, None)
    """
    return actor.get("boarding_places") if campus_facts else None


def ranking_capacity(capacity: int | None, offer: Row, campus_facts: bool) -> int | None:
    """``capacity`` (the offer's, or of its entry after 3e) as the ranking reads it: a public
    file's figure always, a campus's own figure only where campus facts rank.

    >>> seed = {"origin": "seed", "capacity": 15, "source": "004.txt"}
    >>> ranking_capacity(15, seed, False), ranking_capacity(15, seed, True)
    (None, 15)
    >>> ranking_capacity(24, {"origin": "import", "capacity": 24}, False)
    24
    """
    if capacity is not None and not campus_facts and campus_only_capacity(offer):
        return None
    return capacity
