"""One line per real offer on an actor's page: an offer of a diploma the BCN closed is not shown
beside the offer of its renovation that the import presumed from it
(:mod:`graph.ingest.opendata.renewal`).

The activity files list the establishments under the old code (CAP cuisine 50022139, closed on
31/08/2025); the import carries each such offer on under the renovated code (50022146, status
« renewed », ``renewed_from`` naming the old code). Both are true records, but listed side by side
they read as two offers of « CAP cuisine » with 24 places each, and a reader adds them up. The
renovated offer stands for both: it names the code it was seen under (``renewed_from``).

Where the files give the successor's own offer at the same place, the import presumes nothing
(the successor's offer is there), and the closed diploma's old offer stayed beside it, « open »:
Centre scolaire Notre Dame (Nevers, 0580071M) listed the Bac pro Commerce, closed in 2021, from
the 2020 constat, beside the Bac pro métiers du commerce et de la vente option A that replaced it,
while the diploma search says the closed one's offers are counted for its successor. The
successor's offer stands for it too (:func:`under_successors`). An offer of a closed diploma
that nothing offered here carries on stays, said closed (``status`` « closed ») with the
diploma that replaces it named (``note``): never a closed diploma as an open offer.
Pure functions over the rows of ``cypher/actor_get.cypher``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.diploma_names import closed_note
from graph.models import OPEN_STATUSES, OfferStatus

__all__ = ["one_line_per_offer", "under_successors"]

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


def under_successors(
    offers: Sequence[Row], heirs: Mapping[str, Sequence[Row]]
) -> list[dict[str, Any]]:
    """``offers`` without those of a closed diploma (``closed``) whose open successor (``heirs``:
    closed code -> the open diplomas that replace it, rows with ``code``, ``name``, ``type``)
    the establishment offers in the same modality; the other offers of closed diplomas said
    closed, with the diplomas that replace them named in ``note`` (French).

    >>> old = {"diploma": "40031202", "name": "COMMERCE (BAC PRO)", "closed": True,
    ...        "closing_date": "2021-08-31", "modality": "school", "status": "open"}
    >>> new = {"diploma": "40031213", "modality": "school", "status": "open"}
    >>> heirs = {"40031202": [{"code": "40031213", "name": "Bac pro MCV option A"}]}
    >>> [o["diploma"] for o in under_successors([old, new], heirs)]
    ['40031213']
    >>> alone = under_successors([old], heirs)[0]
    >>> alone["status"], alone["note"]
    ('closed', 'fermé en 2021, remplacé par Bac pro MCV option A')
    >>> under_successors([{**old, "modality": "apprenticeship"}, new], heirs)[0]["status"]
    'closed'
    """
    here = {
        (o["diploma"], o.get("modality"))
        for o in offers
        if not o.get("closed") and o.get("status") in OPEN_STATUSES
    }
    out: list[dict[str, Any]] = []
    for o in offers:
        if not o.get("closed"):
            out.append(dict(o))
            continue
        successors = heirs.get(o["diploma"], ())
        if any((s["code"], o.get("modality")) in here for s in successors):
            continue  # the successor's offer stands for it
        out.append({**o, "status": OfferStatus.CLOSED.value, "note": closed_note(o, successors)})
    return out
