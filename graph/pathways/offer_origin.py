"""Whether an offer of the pathway cache may have a history in the import (pure: the
explanation and the 0-places rule ask it without reaching the store)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["IMPORTED_TWIN", "may_have_history"]

# the key a cached offer carries when an imported twin was merged into it (a seed or edited
# offer of the same establishment, diploma and modality: graph/pathways/data.py's _merged),
# so that its history is read (:func:`may_have_history`); no other offer has it
IMPORTED_TWIN = "imported_twin"


def may_have_history(offer: Mapping[str, Any]) -> bool:
    """Whether the import may describe the years of the offer's (establishment, diploma,
    modality): cypher/pathway_offer_history.cypher reads imported offers only, and every
    imported offer of the graph is, in the pathway cache, either an imported offer or merged
    into a seed or edited twin that carries :data:`IMPORTED_TWIN`. Any other offer's history
    is empty without reading it.

    >>> may_have_history({"origin": "import"}), may_have_history({"origin": "seed"})
    (True, False)
    >>> may_have_history({"origin": "edit", IMPORTED_TWIN: True})
    True
    """
    return offer.get("origin") == "import" or bool(offer.get(IMPORTED_TWIN))
