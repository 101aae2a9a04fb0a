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

import unicodedata
from collections.abc import Mapping
from typing import Any

__all__ = [
    "DISTANCE_LEARNING",
    "DISTANCE_PHRASE",
    "for_bac_pro_only",
    "is_distance_learning",
    "taught_at_distance",
    "with_distance_flag",
]

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


def _plain(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


def taught_at_distance(diploma: Mapping[str, Any]) -> bool:
    """Whether a programme's own label says it is taught at a distance: the Parcoursup
    extract names such a programme « … en distanciel » (« BUT Gestion administrative et
    commerciale des organisations en distanciel », IUT de Montreuil, which also teaches it on
    site), whereas the establishment's flag (:func:`is_distance_learning`) covers only those
    that teach everything at a distance.

    >>> taught_at_distance({"name": "BUT – Gestion administrative et commerciale des "
    ...                     "organisations – en distanciel"})
    True
    >>> taught_at_distance({"name": "BUT – Gestion administrative et commerciale"})
    False
    """
    return "distanciel" in _plain(diploma.get("name"))


def for_bac_pro_only(diploma: Mapping[str, Any]) -> bool:
    """Whether a programme's own label says it is meant for bac pro holders (the Parcoursup
    extract's « ENEPS destiné aux bacs professionnels », « CPGE TSI (en 3 ans, destinée aux
    bacs professionnels) »): a first year after the bac, never an « admission parallèle »
    after a BTS.

    >>> for_bac_pro_only({"name": "BUT – Techniques de commercialisation – ENEPS destine aux "
    ...                   "bacs professionnels"})
    True
    >>> for_bac_pro_only({"name": "CPGE – TSI – (en 3 ans, destinée aux bacs professionnels)"})
    True
    >>> for_bac_pro_only({"name": "BUT – Techniques de commercialisation"})
    False
    """
    name = _plain(diploma.get("name"))
    return "destine aux bacs pro" in name or "destinee aux bacs pro" in name


def with_distance_flag(actor: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an actor row flagged as teaching at a distance, for the offers of a programme
    :func:`taught_at_distance` (the establishment's own row, shared by its other programmes,
    is not changed).

    >>> with_distance_flag({"id": "a", "directory_flags": ["x"]})["directory_flags"]
    ['x', 'distance_learning']
    """
    flags = list(actor.get("directory_flags") or ())
    return {**actor, "directory_flags": [*flags, DISTANCE_LEARNING]}
