"""Goal diplomas of a neighbouring field that the territory offers: named, never linked.

BTS support à l'action managériale (NSF 324, secrétariat) → niveau 6 around Rennes: the only
pathways are BUT reached by the « plusieurs spécialités » group of its domain (320), at Laval
and Lannion, while the IUT de Rennes offers the BUT GEA (310, 313, 314, 315: échanges et
gestion), a domain next to the start's that no public rule links to it. Linking BTS → BUT
across neighbouring NSF domains would also link wrong pairs (BTS SIO → BUT GEA); so no leg is
invented, and the answer names the nearest few of them, saying that no known passerelle
leads there (BTSA gestion et protection de la nature → BUT génie biologique, parcours sciences
de l'environnement, at Corte: agriculture and services à la collectivité).

A neighbouring field, from the NSF groups the BCN gives both diplomas: none of the goal's
groups is of the start's field (:func:`graph.pathways.unreached_goals.near_field`: those are
the partial-answer notice's), and one of them, of another NSF domain (the other groups of the
start's domain are left out on purpose: usinage after électricité, :mod:`graph.pathways.
unreached_goals`), is of an NSF family that meets the start's
(:func:`graph.inference.fields.families_meet`: the same family, as secrétariat and gestion,
both « tertiaire », or families the import's rules hold for neighbours, as agriculture and
collectivités). A goal whose field the files do not give is no neighbour (nothing says so).

Pure functions over plain rows; :mod:`graph.pathways.partial` gathers them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from graph.diploma_names import display_name
from graph.geo import haversine_km
from graph.inference.fields import NSF_FAMILIES, families_meet, nsf_family
from graph.pathways.unreached_goals import groups, near_field, programme_of
from graph.place_precision import km_phrase
from graph.territory import Territory
from graph.text import UNNAMED, named_and_counted

__all__ = [
    "NAMED",
    "Nearest",
    "closeness",
    "departements_only",
    "is_neighbour",
    "nearest",
    "neighbour_sentence",
    "ranked",
]

NAMED = 3  # the nearest few named; the others counted


def is_neighbour(d: Mapping[str, Any], start_nsf: str | None) -> bool:
    """Whether goal diploma ``d`` is of a field next to the start's (module docstring).

    >>> gea = {"code": "1", "nsf_groups": ["310", "313", "314", "315"]}
    >>> is_neighbour(gea, "324"), is_neighbour(gea, "312"), is_neighbour(gea, "255")
    (True, False, False)
    >>> is_neighbour({"code": "2", "nsf": "343"}, "213")  # agriculture, collectivités
    True
    >>> is_neighbour({"code": "4", "nsf": "251"}, "255")  # the same domain: not a neighbour
    False
    >>> is_neighbour({"code": "3"}, "324"), is_neighbour(gea, None)
    (False, False)
    """
    return _neighbour_groups(groups(d), start_nsf)


@lru_cache(maxsize=4096)
def _neighbour_groups(mine: tuple[str, ...], start_nsf: str | None) -> bool:
    """:func:`is_neighbour` of a goal's NSF groups: a few hundred pairs of groups and start
    fields in a graph, each tested once (a notice tests each goal diploma of the territory,
    ~100-400, every first answer)."""
    family = nsf_family(start_nsf)
    if not start_nsf or not mine or family is None:
        return False
    if any(near_field(g, start_nsf) for g in mine):
        return False
    return any(
        g[:2] != start_nsf[:2] and (f := nsf_family(g)) is not None and families_meet(f, family)
        for g in mine
    )


# The NSF families spanning several NSF domains (graph.inference.fields.NSF_FAMILIES: industrie
# 20, 22, 25; tertiaire 30, 31, 32): meeting one of them says the least of a learner's field.
BROAD_FAMILIES = frozenset(
    f for f in set(NSF_FAMILIES.values()) if sum(v == f for v in NSF_FAMILIES.values()) > 1
)


def closeness(d: Mapping[str, Any], start_nsf: str | None) -> int:
    """0 when one of the goal's groups is of the start's NSF family (secrétariat and gestion,
    both « tertiaire »), 1 when a neighbouring family of one domain or less meets it (BUT
    GEII, one of whose parcours the BCN classes in informatique, after a BTS of secrétariat;
    hôtellerie after a CAP pâtissier), 2 when only a family spanning several domains does
    (:data:`BROAD_FAMILIES`: BTS CRSA, « industrie », after a CAP pâtissier was named before
    the hôtellerie and agriculture programmes, answers22).

    >>> closeness({"code": "1", "nsf_groups": ["310", "314"]}, "324")
    0
    >>> closeness({"code": "2", "nsf_groups": ["201", "250", "326"]}, "324")
    1
    >>> closeness({"code": "3", "nsf": "334"}, "221"), closeness({"code": "4", "nsf": "201"}, "221")
    (1, 2)
    >>> closeness({"code": "5", "nsf_groups": ["201", "250", "326"]}, "221")  # GEII: industrie
    2
    """
    return _closeness(groups(d), start_nsf)


@lru_cache(maxsize=4096)
def _closeness(mine: tuple[str, ...], start_nsf: str | None) -> int:
    """:func:`closeness` of a goal's NSF groups, each pair worked out once."""
    family = nsf_family(start_nsf)
    families = {nsf_family(g) for g in mine}
    if family in families:
        return 0
    if family is None:
        return 1
    narrow = (f for f in families if f is not None and f not in BROAD_FAMILIES)
    return 1 if any(families_meet(f, family) for f in narrow) else 2


class Nearest(NamedTuple):
    """A neighbouring goal diploma and its nearest current offer in the territory."""

    name: str  # the diploma, as people write it
    establishment: str | None
    km: float | None  # from the answer's origin; None when it or the offer is not placed
    closeness: int = 0  # :func:`closeness`


def departements_only(territory: Territory) -> list[str] | None:
    """The départements of a territory that is only départements (what
    :meth:`Territory.contains` tests there), else None.

    >>> departements_only(Territory(departements=["035", "022"]))
    ['035', '022']
    >>> departements_only(Territory(departements=["035"], region="53")) is None
    True
    """
    deps = territory.departements
    if not deps or territory.region or territory.campus or (territory.near and territory.radius_km):
        return None
    return list(deps)


def nearest(
    d: Mapping[str, Any],
    rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any], int | None]],
    territory: Territory,
    modality: str | None,
    point: tuple[float, float] | None,
    start_nsf: str | None = None,
) -> Nearest | None:
    """The offer of ``d`` (its usable (actor, offer, last seen) rows) that counts as offered in
    the territory (open, listed by the latest files, in the modality) nearest to ``point``;
    None when none does.

    >>> d = {"code": "1", "name": "BUT GEA"}
    >>> far = ({"name": "IUT B"}, {"lat": 48.5, "lon": -1.7, "departement": "035"}, None)
    >>> near = ({"name": "IUT A"}, {"lat": 48.1, "lon": -1.7, "departement": "035"}, None)
    >>> old = ({"name": "IUT C"}, {"lat": 48.1, "lon": -1.68, "departement": "035"}, 2021)
    >>> n = nearest(d, [far, near, old], Territory(departements=["035"]), None, (48.11, -1.68))
    >>> n.establishment, round(n.km)
    ('IUT A', 2)
    >>> nearest(d, [old], Territory(departements=["035"]), None, None) is None
    True
    """
    best: tuple[bool, float, str] | None = None  # the nearest offer's key: no place, km, name
    best_km: float | None = None
    # a territory of départements only: Territory.contains is the département's test alone,
    # made here first (most of a goal's offers across the country are not in it)
    deps = departements_only(territory)
    for a, o, last_seen in rows:
        if deps is not None:
            if o.get("departement") not in deps:
                continue
        elif not territory.contains(o, campuses=a.get("campuses")):
            continue
        if last_seen is not None or o.get("status") == "closed":
            continue
        if modality is not None and o.get("modality") != modality:
            continue
        lat, lon = o.get("lat"), o.get("lon")
        km = (
            haversine_km(point[0], point[1], lat, lon)
            if point is not None and lat is not None and lon is not None
            else None
        )
        key = (km is None, km or 0.0, str(a.get("name") or ""))
        if best is None or key < best:
            best, best_km = key, km
    if best is None:
        return None
    # the diploma's words once, for the offer kept (not for each nearer one met on the way)
    return Nearest(display_name(d), best[2] or None, best_km, closeness(d, start_nsf))


def ranked(found: Iterable[tuple[Mapping[str, Any], Nearest]]) -> list[Nearest]:
    """One per programme (:func:`programme_of`: the BCN's and Parcoursup's names of one
    programme), the nearest field first (:func:`closeness`), then the nearest place, then by
    name.

    >>> a = ({"code": "1", "name": "BUT GEA"}, Nearest("BUT GEA", "IUT A", 12.0))
    >>> b = ({"code": "2", "name": "BUT – Gestion des entreprises et des administrations"},
    ...      Nearest("BUT – GEA", "IUT B", 3.0))
    >>> c = ({"code": "3", "name": "BUT TC"}, Nearest("BUT TC", "IUT A", None))
    >>> [n.name for n in ranked([c, a, b])]
    ['BUT – GEA', 'BUT GEA', 'BUT TC']
    """
    out: list[Nearest] = []
    seen: set[tuple[str, ...]] = set()
    order = sorted(
        found,
        key=lambda x: (
            x[1].closeness,
            # an establishment no public file names after the named ones (answers22)
            str(x[1].establishment or "").startswith(UNNAMED),
            x[1].km is None,
            x[1].km or 0.0,
            x[1].name,
            x[0]["code"],
        ),
    )
    for d, n in order:
        p = programme_of(d)
        if p not in seen:
            seen.add(p)
            out.append(n)
    return out


def _said(n: Nearest) -> str:
    where = f" — {n.establishment}" if n.establishment else ""
    far = f" ({km_phrase(n.km, None)})" if n.km is not None else ""  # « moins de 1 km »
    return f"{n.name}{where}{far}"


def neighbour_sentence(
    found: Sequence[Nearest],
    *,
    goal: str,
    field: str,
    territory_phrase: str,
    since: str | None,
) -> str | None:
    """The mention in French (``found``: :func:`ranked`; ``field``: the start's NSF group as
    people name it; ``since``: where distances start, « du domicile »), or None.

    >>> found = [Nearest("BUT – Gestion des entreprises et des administrations",
    ...                  "I.U.T. de Rennes", 2.4), Nearest("BUT TC", "IUT B", 60.0)]
    >>> print(neighbour_sentence(found, goal="niveau 6 ou plus", field="Secrétariat, bureautique",
    ...     territory_phrase="dans le département d'Ille-et-Vilaine (35)", since="du domicile"))
    D'autres formations de l'objectif (niveau 6 ou plus), d'un domaine plus éloigné de celui du diplôme de départ (Secrétariat, bureautique), existent dans le département d'Ille-et-Vilaine (35), distances à vol d'oiseau comptées du domicile : BUT – Gestion des entreprises et des administrations — I.U.T. de Rennes (2 km) ; BUT TC — IUT B (60 km) ; aucune passerelle connue ne les relie à ce diplôme : à vérifier auprès des établissements.
    >>> print(neighbour_sentence([Nearest("BUT TC", "IUT B", 0.4)], goal="BUT", field="x",
    ...     territory_phrase="ici", since="du domicile").split(" : ")[1])
    BUT TC — IUT B (moins de 1 km) ; aucune passerelle connue ne la relie à ce diplôme
    >>> neighbour_sentence([], goal="BUT", field="x", territory_phrase="ici", since=None) is None
    True
    """  # noqa: E501
    if not found:
        return None
    names = named_and_counted([_said(n) for n in found[:NAMED]], len(found), NAMED)
    one = len(found) == 1
    placed = since and any(n.km is not None for n in found[:NAMED])
    counted = f", distances à vol d'oiseau comptées {since}" if placed else ""
    lead = "Une autre formation" if one else "D'autres formations"
    return (
        f"{lead} de l'objectif ({goal}), d'un "
        f"domaine plus éloigné de celui du diplôme de départ ({field}), "
        f"{'existe' if one else 'existent'} "
        f"{territory_phrase}{counted} : {names} ; aucune passerelle connue ne "
        f"{'la' if one else 'les'} relie à ce diplôme : à vérifier auprès des établissements."
    )
