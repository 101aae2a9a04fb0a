"""One line per real offer on an actor's page: an offer of a diploma the BCN closed is not shown
beside the offer of its renovation that the import presumed from it
(:mod:`graph.ingest.opendata.renewal`).

The activity files list the establishments under the old code (CAP cuisine 50022139, closed on
31/08/2025); the import carries each such offer on under the renovated code (50022146, status
« renewed », ``renewed_from`` naming the old code). Both are true records, but listed side by side
they read as two offers of « CAP cuisine » with 24 places each, and a reader adds them up. The
renovated offer stands for both: it names the code it was seen under (``renewed_from``). An
offer of a closed diploma with no renovated offer at the same place stays (nothing replaces it).
Pure function over the rows of ``cypher/actor_get.cypher``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["one_line_per_offer"]

Row = Mapping[str, Any]


def one_line_per_offer(offers: Sequence[Row]) -> list[Row]:
    """``offers`` without those of a closed diploma that a renewed offer in the same modality
    (``renewed_from``) carries on.

    >>> old = {"diploma": "50022139", "closed": True, "modality": "school", "status": "open"}
    >>> new = {"diploma": "50022146", "modality": "school", "status": "renewed",
    ...        "renewed_from": ["50022139"]}
    >>> [o["diploma"] for o in one_line_per_offer([new, old])]
    ['50022146']
    >>> apprenticeship = {**old, "modality": "apprenticeship"}  # not carried on: kept
    >>> [o["diploma"] for o in one_line_per_offer([new, old, apprenticeship])]
    ['50022146', '50022139']
    """
    carried = {
        (code, o.get("modality"))
        for o in offers
        if o.get("status") == "renewed"
        for code in o.get("renewed_from") or ()
    }
    return [
        o for o in offers if not (o.get("closed") and (o["diploma"], o.get("modality")) in carried)
    ]
