"""What an answer says of the establishments a radius cannot place.

A radius territory (``near`` + ``radius_km``) holds an offer only where the files give its
establishment a position: an establishment without one is outside any circle
(:meth:`graph.territory.Territory.contains`). In the national files about half of the
establishments have none: around Saint-Denis (93066), 10 km, three of the nine lycées of the
Paris area offering the Bac pro of the question are left out — one of them in Seine-Saint-Denis
itself, shown as soon as the territory is the département. Left unsaid, the answer reads as
« four offers in the circle » where the data only knows four *placed* ones.

So the answer names the establishments offering one of its diplomas (a step of a pathway shown,
or the goal when none is) that have no position but lie in a département the circle reaches
(as the commune reference tells it: :meth:`graph.communes.CommuneIndex.departements_within`)
and meet the territory's other limits: they could be inside, « à vérifier ». Pure over the
offers the search already flagged (the pathway cache's: no read).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from graph.departements import and_list, de_place, departement_number, departement_of
from graph.diploma_names import display_name
from graph.distance_learning import is_distance_learning
from graph.pathways.explanation import is_unnamed, place
from graph.pathways.scoring import Offer
from graph.territory import Territory

__all__ = [
    "MAX_DIPLOMAS",
    "MAX_NAMED",
    "home_unplaced",
    "home_unplaced_notice",
    "radius_unplaced",
    "radius_unplaced_notice",
]

Row = Mapping[str, Any]

MAX_NAMED = 3  # establishments named in the notice; the others counted by département
MAX_DIPLOMAS = 2  # diplomas named for each


def radius_unplaced(
    territory: Territory,
    offers: Mapping[str, Sequence[Offer]],
    reached: Collection[str],
    shown_actors: Collection[str] = (),
) -> dict[str, list[Offer]]:
    """By diploma code, the offers (one per establishment) left out of a radius territory only
    for want of a position: no coordinates, not taught at a distance, in a département of
    ``reached`` (COG numbers, « 93 »), inside the territory's other limits (départements,
    région, campus), their establishment not among ``shown_actors``. Empty without a radius.

    >>> t = Territory(near={"lat": 48.9, "lon": 2.35, "label": "Saint-Denis"}, radius_km=10)
    >>> def offer(actor, dep, lat=None):
    ...     return Offer("X", {"id": actor}, {"departement": dep, "lat": lat, "lon": lat}, False)
    >>> found = radius_unplaced(
    ...     t, {"X": [offer("a", "093"), offer("b", "077"), offer("c", "093", 1.0)]}, {"93"}
    ... )
    >>> [o.actor["id"] for o in found["X"]]
    ['a']
    >>> radius_unplaced(Territory(departements=["093"]), {"X": [offer("a", "093")]}, {"93"})
    {}
    """
    if not (territory.near and territory.radius_km):
        return {}
    rest = territory.model_copy(update={"near": None, "radius_km": None})
    found: dict[str, list[Offer]] = {}
    for code, flagged in offers.items():
        seen: set[Any] = set()
        for o in flagged:
            actor = o.actor.get("id")
            if (
                o.in_territory
                or o.offer.get("lat") is not None
                or actor in seen
                or actor in shown_actors
                or is_distance_learning(o.actor)
                or departement_number(o.offer.get("departement") or "") not in reached
                or not rest.contains(o.offer, campuses=o.actor.get("campuses"))
            ):
                continue
            seen.add(actor)
            found.setdefault(code, []).append(o)
    return found


def radius_unplaced_notice(
    territory: Territory, found: Mapping[str, Sequence[Offer]], diplomas: Mapping[str, Row]
) -> str | None:
    """The notice (French) of the establishments of :func:`radius_unplaced`: at most
    :data:`MAX_NAMED` named, each with the answer's diplomas it offers (at most
    :data:`MAX_DIPLOMAS` named), the others counted by département; None when there are none.

    Short on purpose: around Évreux at 40 km the files leave eight establishments unplaced, and
    eight names with their diplomas made a notice longer than the pathway it comments. A
    counsellor needs the fact (some offers may be inside the circle), a few names to check
    first, and where the others are — by département, the territory that shows them all
    (their commune is mostly unknown too: a commune grouping would read « lieu inconnu »).

    >>> t = Territory(near={"lat": 48.9, "lon": 2.35, "label": "Saint-Denis"}, radius_km=10)
    >>> o = Offer("X", {"id": "a", "name": "Lycée A"}, {"commune": "Paris"}, False)
    >>> print(radius_unplaced_notice(t, {"X": [o]}, {"X": {"name": "Cuisine", "type": "cap"}}))
    Rayon de 10 km autour de Saint-Denis : 1 établissement sans position dans les données \
propose aussi Cuisine ; il n'est pas compté mais peut se trouver dans le rayon (à vérifier) : \
Lycée A (Paris).
    """
    if not territory.near or not territory.radius_km:
        return None
    listed, named, said, rest = _listing(found, diplomas)
    if not listed:
        return None
    where = territory.near.label or f"{territory.near.lat:.3f}, {territory.near.lon:.3f}"
    head = f"Rayon de {territory.radius_km:g} km autour {de_place(where)} : "
    if len(listed) == 1:
        return (
            f"{head}1 établissement sans position dans les données propose aussi {said} ; il "
            f"n'est pas compté mais peut se trouver dans le rayon (à vérifier) : {named}{rest}."
        )
    return (
        f"{head}{len(listed)} établissements sans position dans les données proposent aussi "
        f"{said or 'des formations de la réponse'} ; ils ne sont pas comptés mais peuvent se "
        f"trouver dans le rayon (à vérifier) : {named}{rest}."
    )


def home_unplaced(
    territory: Territory, offers: Mapping[str, Sequence[Offer]]
) -> dict[str, list[Offer]]:
    """By diploma code, the offers (one per establishment) of a département or région territory
    whose establishment has no position: their distance from the learner's home is unknown, so
    a step « à 29 km » may have a nearer one (Amiens, the Somme: six establishments offering
    the Bac pro ASSP have none). Empty for a radius (:func:`radius_unplaced` says those) or a
    territory without départements or région.

    >>> t = Territory(departements=["080"])
    >>> def offer(actor, lat=None, inside=True):
    ...     return Offer("X", {"id": actor}, {"departement": "080", "lat": lat, "lon": lat}, inside)
    >>> found = home_unplaced(t, {"X": [offer("a"), offer("a"), offer("b", 1.0), offer("c", None, False)]})
    >>> [o.actor["id"] for o in found["X"]]
    ['a']
    >>> home_unplaced(Territory(near={"lat": 1, "lon": 1}, radius_km=5), {"X": [offer("a")]})
    {}
    """  # noqa: E501
    if territory.radius_km or not (territory.departements or territory.region):
        return {}
    found: dict[str, list[Offer]] = {}
    for code, flagged in offers.items():
        seen: set[Any] = set()
        for o in flagged:
            actor = o.actor.get("id")
            if (
                not o.in_territory
                or o.offer.get("lat") is not None
                or actor in seen
                or is_distance_learning(o.actor)
            ):
                continue
            seen.add(actor)
            found.setdefault(code, []).append(o)
    return found


def home_unplaced_notice(
    home: str, found: Mapping[str, Sequence[Offer]], diplomas: Mapping[str, Row]
) -> str | None:
    """The notice (French) of :func:`home_unplaced`, as short as the radius one: at most
    :data:`MAX_NAMED` named, the others counted by département; None when there are none.

    >>> o = Offer("X", {"id": "a", "name": "Lycée A"}, {"commune": "Amiens"}, True)
    >>> print(home_unplaced_notice("Amiens", {"X": [o]}, {"X": {"name": "ASSP"}}))
    Distances depuis Amiens : 1 établissement du territoire sans position dans les données \
propose aussi ASSP ; sa distance n'est pas connue, il peut être plus près (à vérifier) : \
Lycée A (Amiens).
    """
    listed, named, said, rest = _listing(found, diplomas)
    if not listed:
        return None
    head = f"Distances depuis {home} : "
    if len(listed) == 1:
        return (
            f"{head}1 établissement du territoire sans position dans les données propose aussi "
            f"{said} ; sa distance n'est pas connue, il peut être plus près (à vérifier) : "
            f"{named}{rest}."
        )
    return (
        f"{head}{len(listed)} établissements du territoire sans position dans les données "
        f"proposent aussi {said or 'des formations de la réponse'} ; leur distance n'est pas "
        f"connue, ils peuvent être plus près (à vérifier) : {named}{rest}."
    )


def _listing(
    found: Mapping[str, Sequence[Offer]], diplomas: Mapping[str, Row]
) -> tuple[list[tuple[Offer, list[str]]], str, str | None, str]:
    """What both notices say of ``found``: each establishment once with the answer's diplomas
    it offers (in :func:`_order`), the first :data:`MAX_NAMED` named, the diploma said once
    when it is the same for all (else None), and the others counted (:func:`_rest`)."""
    by_actor: dict[Any, tuple[Offer, list[str]]] = {}
    for code in sorted(found):
        what = display_name(diplomas[code]) if code in diplomas else code
        for o in found[code]:
            by_actor.setdefault(o.actor.get("id"), (o, []))[1].append(what)
    listed = sorted(by_actor.values(), key=lambda e: _order(e[0]))
    same = len({tuple(whats) for _, whats in listed}) == 1  # one diploma for all: said once
    # those no public file names are counted, never listed: their name would be a code
    # (Cantal, Creuse, Lozère: most of the unplaced ones)
    known = [e for e in listed if not is_unnamed(e[0].actor)]
    nameless = [o for o, _ in listed if is_unnamed(o.actor)]
    named = " ; ".join(
        place(o) if same else f"{place(o)} pour {_some(whats)}" for o, whats in known[:MAX_NAMED]
    )
    said = _some(listed[0][1]) if same and listed else None
    rest = _rest([o for o, _ in known[MAX_NAMED:]]) + _nameless(nameless, alone=not known)
    return listed, named, said, rest


def _rest(others: list[Offer]) -> str:
    """The establishments not named, counted by département (most first): « , et 5 autres :
    3 dans le département de l'Eure (27), 2 dans celui des Yvelines (78) »; « , et 2 autres
    dans le département de l'Eure (27) »; empty when all are named.

    >>> def o(dep):
    ...     return Offer("X", {"id": dep}, {"departement": dep}, False)
    >>> print(_rest([o("027"), o("078"), o("027")]))
    , et 3 autres : 2 dans le département de l'Eure (27), 1 dans celui des Yvelines (78)
    >>> print(_rest([o("027")]))
    , et 1 autre dans le département de l'Eure (27)
    """
    if not others:
        return ""
    autre = "autre" if len(others) == 1 else "autres"
    return f", et {len(others)} {autre}{_where(others)}"


def _nameless(others: list[Offer], *, alone: bool) -> str:
    """The establishments no public file names, counted by département, never listed (their
    stored name carries their UAI: graph/ingest/opendata/unnamed.py): after named ones
    « , et 2 établissements sans nom dans les fichiers publics dans le département du Cantal
    (15) »; ``alone`` (none named, the notice's head counted them): « tous sans nom … », or the
    one of them as :func:`place` says it; empty when there are none.

    >>> def o(dep):
    ...     return Offer("X", {"id": dep, "described": False}, {"departement": dep}, False)
    >>> print(_nameless([o("015"), o("015")], alone=False))
    , et 2 établissements sans nom dans les fichiers publics dans le département du Cantal (15)
    >>> print(_nameless([o("015"), o("043")], alone=True))
    tous sans nom dans les fichiers publics : 1 dans le département du Cantal (15), 1 dans \
celui de la Haute-Loire (43)
    >>> print(_nameless([o("015"), o("015")], alone=True))
    tous sans nom dans les fichiers publics, dans le département du Cantal (15)
    >>> print(_nameless([o("015")], alone=True))
    un établissement sans nom dans les fichiers publics (Cantal, 15)
    """
    if not others:
        return ""
    if alone and len(others) == 1:
        return place(others[0])
    where = _where(others)
    if alone:  # the head counted them already
        return f"tous sans nom dans les fichiers publics{',' if where[1] == 'd' else ''}{where}"
    s = "s" if len(others) > 1 else ""
    return f", et {len(others)} établissement{s} sans nom dans les fichiers publics{where}"


def _where(others: list[Offer]) -> str:
    """Where ``others`` are, counted by département (most first): « dans le département de
    l'Eure (27) », « : 2 dans le département de l'Eure (27), 1 dans celui des Yvelines (78) »."""
    count: dict[str, int] = {}
    for o in others:
        dep = str(o.offer.get("departement") or "")
        count[dep] = count.get(dep, 0) + 1
    ranked = sorted(count.items(), key=lambda e: (-e[1], e[0]))
    if len(ranked) == 1:
        return f" {_in(ranked[0][0], 'le département')}"
    parts = [
        f"{n} {_in(d, 'le département' if i == 0 else 'celui')}" for i, (d, n) in enumerate(ranked)
    ]
    return f" : {', '.join(parts)}"


def _in(dep: str, noun: str) -> str:
    return f"dans {noun} {departement_of(dep)}" if dep else "en un lieu inconnu"


def _some(names: list[str]) -> str:
    """« A », « A et B », « A, B et 3 autres formations »."""
    if len(names) <= MAX_DIPLOMAS:
        return and_list(names)
    rest = len(names) - MAX_DIPLOMAS + 1
    return and_list([*names[: MAX_DIPLOMAS - 1], f"{rest} autres formations"])


def _order(o: Offer) -> tuple[str, str]:
    return (str(o.offer.get("departement") or ""), str(o.actor.get("name") or ""))
