"""Establishments that teach only at a distance (the CNED…): what the answers do with them.

The import flags them from the public files (graph/ingest/opendata/unnamed.py: every programme
the Parcoursup extract lists there says « Entierement en distanciel »), with the directories'
flags (``directory_flags``). Their address is where they are run, not where a learner is taught:

- a pathway never proposes one as a nearby place: its offers come after every local offer of
  a step and count no km (the learner studies from home), and the answer says « à distance »
  (``distance_learning`` on the offer, the explanation's « formation à distance »);
- a gap report does not count its offers as the territory's training (nor as a next step
  within reach): they are left out of the offers read, and the report says how many.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["DISTANCE_LEARNING", "DISTANCE_PHRASE", "is_distance_learning"]

DISTANCE_LEARNING = "distance_learning"
DISTANCE_PHRASE = "formation à distance, sans lieu de formation local"


def is_distance_learning(actor: Mapping[str, Any]) -> bool:
    """Whether an actor row (with its ``directory_flags``) teaches only at a distance.

    >>> is_distance_learning({"directory_flags": ["distance_learning"]})
    True
    >>> is_distance_learning({"directory_flags": None}), is_distance_learning({})
    (False, False)
    """
    return DISTANCE_LEARNING in (actor.get("directory_flags") or ())
