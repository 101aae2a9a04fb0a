"""The figures a step entered after 3e is ranked on: those of the entry after 3e.

Affelnet lists a Bac pro of a famille de métiers by its 1re pro only, the pupils entering
after 3e through the family's common 2nde (graph/ingest/opendata/entry.py): such an offer's
capacity and demand are those of the 1re pro (``entry_year`` 2), 24 places and 1 first wish at
Don Bosco (Marseille) where another lycée lists 30 places in its 2nde pro. Ranked side by side
for a pupil leaving 3e, the first looked small and little asked for, while its pupils enter
through a common 2nde of 69 places and 27 first wishes. So a step entered after 3e (the leg
from the end of 3e, graph/pathways/after_3e.py) compares its offers on their own figures when
they are of the first course year, on those of the common 2nde at the same establishment when
they are of the 1re pro and the files list that 2nde there (``entry_capacity``,
``entry_demand``: the places the pupil actually enters, shared by the family's specialities),
and on no figure (unknown) otherwise. A later step (a CAP holder entering the 1re pro) keeps
the offer's own figures. The answer shows the offer's own figures, said to be of the 1re pro.
Pure functions over an offer row of the pathway cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["AFTER_3E_ORIGIN", "entry_capacity", "entry_demand", "step_figures"]

# the passerelle_origin of the leg from the end of 3e (graph.pathways.after_3e.ENTRY_LEG)
AFTER_3E_ORIGIN = "after_3e"


def entry_capacity(offer: Mapping[str, Any]) -> int | None:
    """The places of the entry after 3e at an offer (module docstring).

    >>> entry_capacity({"capacity": 30})
    30
    >>> entry_capacity({"capacity": 24, "entry_year": 2, "entry_capacity": 69})
    69
    >>> entry_capacity({"capacity": 12, "entry_year": 2}) is None
    True
    """
    if offer.get("entry_year") is None:
        return offer.get("capacity")
    return offer.get("entry_capacity")


def entry_demand(offer: Mapping[str, Any]) -> int | None:
    """The first wishes of the entry after 3e at an offer, as :func:`entry_capacity`.

    >>> entry_demand({"demand": 1, "entry_year": 2, "entry_capacity": 69, "entry_demand": 27})
    27
    >>> entry_demand({"demand": 1, "entry_year": 2}) is None
    True
    """
    if offer.get("entry_year") is None:
        return offer.get("demand")
    return offer.get("entry_demand")


def step_figures(offer: Mapping[str, Any], after_3e: bool) -> tuple[int | None, int | None]:
    """The capacity and demand a step's offer is ranked on: of the entry after 3e for a step
    entered after 3e, else its own.

    >>> o = {"capacity": 24, "demand": 1, "entry_year": 2}
    >>> step_figures(o, False), step_figures(o, True)
    ((24, 1), (None, None))
    """
    if after_3e:
        return entry_capacity(offer), entry_demand(offer)
    return offer.get("capacity"), offer.get("demand")
