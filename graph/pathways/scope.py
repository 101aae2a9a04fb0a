"""Where a documented passerelle holds (docs/model.md, "Scope"). Pure functions.

A leg documented by a campus's source holds at the establishments, in the campus or in the
départements its source names. Taken elsewhere, the same diploma pair is at best an inferred
leg: it is shown as such, without the source's figures.

An inferred leg tied to a campus programme's territory (``from_departements``,
``to_departements``: docs/inferred-passerelles.md, « Campus programmes ») holds only for a
source taken there and a target taken there (:func:`local_leg_holds`); elsewhere it does not
hold at all — a fact of one campus says nothing of another territory. Likewise a campus
programme itself, as a start of a ``from_level`` question or as a step proposed outside the
territory asked, belongs to its campus's territory only (:func:`foreign_programme`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

__all__ = [
    "FIGURES",
    "foreign_programme",
    "holds_from",
    "leg_at",
    "leg_holds",
    "local_leg_holds",
]

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


def local_leg_holds(
    leg: Row, from_departements: Collection[str] | None, to_departement: str | None
) -> bool:
    """Whether a leg tied to a campus programme's territory holds for a source taken in one of
    ``from_departements`` (None: the place is unknown) and a target taken in
    ``to_departement``; a leg tied to no territory always holds.

    >>> leg = {"from_departements": ["012", "046"]}
    >>> local_leg_holds(leg, ["046"], "046"), local_leg_holds(leg, ["076"], "046")
    (True, False)
    >>> local_leg_holds(leg, None, "046"), local_leg_holds({}, None, None)
    (False, True)
    """
    if not holds_from(leg, from_departements):
        return False
    to = leg.get("to_departements")
    return not (to and to_departement not in to)


def holds_from(leg: Row, departements: Collection[str] | None) -> bool:
    """Whether a leg holds for a source taken in one of ``departements`` (None: unknown)."""
    frm = leg.get("from_departements")
    return not frm or bool(departements and set(departements) & set(frm))


def foreign_programme(
    code: str, territories: Mapping[str, Collection[str]], learner: Collection[str] | None
) -> bool:
    """Whether ``code`` is a campus programme of a territory the learner (``learner``: the
    départements where they hold the start diploma; None: unknown) is not in. A national
    diploma, or any diploma when the learner's place is unknown, is not.

    >>> t = {"MV-ING-MECA-CCI-AVEYRON": {"012", "046"}}
    >>> foreign_programme("MV-ING-MECA-CCI-AVEYRON", t, ["057"])
    True
    >>> foreign_programme("MV-ING-MECA-CCI-AVEYRON", t, ["046"]), foreign_programme("32025014", t, ["057"])
    (False, False)
    >>> foreign_programme("MV-ING-MECA-CCI-AVEYRON", t, None)
    False
    """  # noqa: E501
    territory = territories.get(code)
    if not territory or learner is None:
        return False
    return not set(territory) & set(learner)
