"""Where a documented passerelle holds (docs/model.md, "Scope"). Pure functions.

A leg documented by a campus's source holds at the establishments, in the campus or in the
départements its source names. Taken elsewhere, the same diploma pair is at best an inferred
leg: it is shown as such, without the source's figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["FIGURES", "leg_at", "leg_holds"]

Row = Mapping[str, Any]
FIGURES = ("rate", "entrant_share", "reserved_share")


def leg_holds(leg: Row, actor_id: str | None, departement: str | None) -> bool:
    """Whether a leg's passerelle holds for a step taken at this establishment / département.

    >>> leg_holds({"passerelle_origin": "documented", "scope": "actors",
    ...            "scope_actors": ["mines-albi"]}, "mines-albi", "081")
    True
    >>> leg_holds({"passerelle_origin": "documented", "scope": "campus",
    ...            "scope_departements": ["012", "046"], "scope_actors": []}, "uai-x", "076")
    False
    >>> leg_holds({"passerelle_origin": "inferred"}, "uai-x", "076")
    True
    """
    if leg.get("passerelle_origin") != "documented":
        return True
    scope = leg.get("scope") or "national"
    if scope == "national":
        return True
    actors = leg.get("scope_actors") or []
    departements = leg.get("scope_departements") or []
    if actor_id is not None and actor_id in actors:
        return True
    return scope != "actors" and departement is not None and departement in departements


def leg_at(leg: Row, actor_id: str | None, departement: str | None) -> dict[str, Any]:
    """The leg as it holds at this establishment: itself, or — outside its passerelle's scope —
    an inferred leg of the same kind, without id nor figures (``documented_elsewhere``)."""
    if leg_holds(leg, actor_id, departement):
        return dict(leg)
    out = {k: v for k, v in leg.items() if k not in FIGURES}
    out.update(
        passerelle_id=None,
        passerelle_origin="inferred",
        documented_elsewhere=True,
        scope=None,
        scope_actors=[],
        scope_departements=[],
    )
    return out
