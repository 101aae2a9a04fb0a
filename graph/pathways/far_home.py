"""What an answer says when the learner's home lies far from the territory asked.

A counsellor may give a home (Marseille) with a territory far from it (the Nord): the learner
means to move, or one of the two was typed wrong. The distances of the answer are still counted
from the home (that is what « home » asks), so every step reads « à 775 km »; left unsaid, the
answer reads as a local one. So the answer says first how far the home lies from the territory
and that the distances start there.

The distance is to the territory's nearest commune centre (a town hall, mostly: the commune
reference, :meth:`graph.communes.CommuneIndex.km_to_departements`), or to the edge of its
circle; the home is said far beyond :data:`FAR_HOME_KM`, a daily commute (a learner living
just across a border is a learner of the territory's edge, not a move). Pure but for the
reference, which the caller passes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from graph.departements import de_place, departement_number
from graph.geo import haversine_km
from graph.pathways.scoring import NEAR_KM
from graph.territory import Point, Territory

__all__ = ["FAR_HOME_KM", "far_home_notice", "home_gap_km", "territory_departements"]

FAR_HOME_KM = NEAR_KM


def territory_departements(
    territory: Territory,
    campuses: Iterable[Mapping[str, Any]],
    region_departements: Callable[[str], Iterable[str]] | None,
) -> set[str] | None:
    """The départements (COG numbers, « 59 ») a territory lies in: those asked, else its
    région's, else its campus's; None for a radius alone or an empty territory.

    >>> sorted(territory_departements(Territory(departements=["059", "062"]), [], None))
    ['59', '62']
    >>> territory_departements(Territory(campus="mv"), [{"id": "mv", "departements": ["046"]}],
    ...                        None)
    {'46'}
    """
    if territory.departements:
        return {departement_number(d) for d in territory.departements}
    if territory.region and region_departements is not None:
        return {departement_number(d) for d in region_departements(territory.region)}
    if territory.campus:
        for c in campuses:
            if c.get("id") == territory.campus and c.get("departements"):
                return {departement_number(d) for d in c["departements"]}
    return None


def home_gap_km(
    home: Point,
    territory: Territory,
    departements: Collection[str] | None,
    home_departement: str | None,
    km_to_departements: Callable[[float, float, Collection[str]], float | None] | None,
) -> float | None:
    """How far the home lies outside the territory: 0 inside (its département is one of
    ``departements``, COG numbers; within the circle), else the km to the nearest commune
    centre of the territory's départements (``km_to_departements``: the reference's method)
    or to the circle's edge, the larger of the two when both limit it; None when unknown.

    >>> near = Point(lat=50.63, lon=3.06, label="Lille")
    >>> round(home_gap_km(Point(lat=43.30, lon=5.37), Territory(near=near, radius_km=30),
    ...                   None, "13", None))
    805
    >>> home_gap_km(Point(lat=50.6, lon=3.0), Territory(departements=["059"]), {"59"}, "59",
    ...             None)
    0.0
    """
    gaps: list[float] = []
    if departements:
        if home_departement is not None and departement_number(home_departement) in departements:
            gaps.append(0.0)
        else:
            if km_to_departements is None:
                return None
            km = km_to_departements(home.lat, home.lon, departements)
            if km is None:
                return None
            gaps.append(km)
    if territory.near is not None and territory.radius_km:
        d = haversine_km(home.lat, home.lon, territory.near.lat, territory.near.lon)
        gaps.append(max(0.0, d - territory.radius_km))
    return max(gaps) if gaps else None


def far_home_notice(home: Point, territory: Territory, km: float | None) -> str | None:
    """The notice (French) of a home ``km`` from the territory, beyond :data:`FAR_HOME_KM`;
    None otherwise.

    >>> t = Territory(departements=["059"])
    >>> print(far_home_notice(Point(lat=43.3, lon=5.37, label="Marseille"), t, 752.4))
    Commune de l'élève loin du territoire : Marseille est à environ 750 km à vol d'oiseau du \
département du Nord (59). Les distances indiquées sont comptées depuis Marseille, pas depuis \
le territoire ; pour un élève qui habite le territoire, donnez sa commune ou laissez ce champ \
vide.
    >>> far_home_notice(Point(lat=50.3, lon=2.8, label="Arras"), t, 12.0) is None
    True
    """
    if km is None or km <= FAR_HOME_KM:
        return None
    said = f"{round(km, -1):.0f}" if km >= 100 else f"{km:.0f}"
    if (
        territory.near is not None
        and territory.radius_km
        and not (territory.departements or territory.region or territory.campus)
    ):
        where = territory.near.label or f"{territory.near.lat:.3f}, {territory.near.lon:.3f}"
        of = f"du cercle de {territory.radius_km:g} km autour {de_place(where)}"
    else:
        of = territory.describe_of()
    who, since = (home.label, home.label) if home.label else ("le domicile donné", "le domicile")
    return (
        f"Commune de l'élève loin du territoire : {who} est à environ {said} km à vol d'oiseau "
        f"{of}. "
        f"Les distances indiquées sont comptées depuis {since}, pas depuis le territoire ; "
        "pour un élève qui habite le territoire, donnez sa commune ou laissez ce champ vide."
    )
