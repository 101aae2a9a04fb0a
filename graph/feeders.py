"""Where the entrants of a diploma come from: the diplomas that lead into it by one passerelle
and the establishments of a territory that offer them, ranked (« D'où viennent-ils ? »).

:func:`rank_feeders` is a pure function of the rows of ``cypher/feeders.cypher`` and a
territory; :func:`find_feeders` reads the store once before it.

A passerelle counts where it holds (graph/pathways/scope.py), as the pathway search has it: an
inferred leg tied to a campus programme's territory feeds only from establishments there (and
only into that territory); a documented leg scoped to a campus, its départements or its
establishments keeps its source's figures only for a territory that holds them — elsewhere it
is the same diploma pair inferred, without figures. A fact of one campus never speaks for
another territory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.departements import InseeDepartement
from graph.diploma_names import display_name, is_common_year, readable
from graph.errors import NotFound
from graph.models import departement_code
from graph.pathways.scope import FIGURES, holds_from
from graph.store import GraphReader
from graph.territory import Territory

__all__ = ["Feeder", "FeederOffer", "FeedersAnswer", "find_feeders", "rank_feeders"]


class FeederOffer(BaseModel):
    actor_id: str
    actor_name: str
    actor_kind: str | None = None
    commune: str | None = None
    commune_from: str | None = Field(
        default=None, description="As an actor's: `coordinates` means « près de » the commune."
    )
    departement: InseeDepartement | None = None
    modality: str | None = None
    status: str | None = None
    capacity: int | None = None
    entry_year: int | None = Field(
        default=None,
        description="The course year `capacity` is of when it is not the first: 2 for a Bac "
        "pro listed by its 1re pro only (« places en 1re pro », not the entry after 3e).",
    )


class Feeder(BaseModel):
    code: str
    name: str
    type: str
    step: Literal["direct", "earlier"] = Field(
        default="direct",
        description="`direct`: its holders enter the diploma; `earlier`: a common first year "
        "(« 2de commune », « 1re année commune »), no diploma held: its learners go on to a "
        "diploma of the programme first, whose holders enter (listed after the direct ones).",
    )
    level: int | None = None
    passerelle: str | None = Field(default=None, description="The passerelle's id (for links).")
    kind: str | None = None
    origin: str | None = Field(default=None, description="documented or inferred")
    rate: float | None = None
    entrant_share: float | None = None
    reserved_share: float | None = None
    offers: list[FeederOffer] = Field(description="Establishments offering it in the territory.")
    places: int | None = Field(description="Sum of their known capacities (None: unknown).")
    unknown_places: int = Field(
        default=0,
        description="How many of those establishments have no known capacity (the files give "
        "none, or an Affelnet placeholder such as 999): `places` counts the others only.",
    )
    later_year_places: int = Field(
        default=0,
        description="How many of those establishments give places of a later course year only "
        "(a Bac pro listed by its 1re pro only, `entry_year` 2): not comparable with the "
        "others' places of entry, they are not counted in `places`.",
    )
    outside: int = Field(description="Establishments offering it outside the territory.")


class FeedersAnswer(BaseModel):
    to: str
    name: str = Field(description="The diploma's name as people write it (graph/diploma_names.py).")
    source_name: str | None = Field(
        default=None, description="The name as the graph stores it (its sources' text)."
    )
    territory: str = Field(description="French noun phrase: « le département du Lot (46) ».")
    territory_phrase: str = Field(
        description="The territory said as is after a verb (French): « dans le territoire du "
        "CMQ … », « sur tout le territoire »."
    )
    count: int
    feeders: list[Feeder]
    earlier_note: str | None = Field(
        default=None,
        description="Said before the earlier steps when some are listed (French): they are "
        "no direct entrants.",
    )


EARLIER_NOTE = (
    "Étapes antérieures, pas des entrants directs : une année commune (2de commune d'une "
    "famille de métiers, 1re année commune) ne donne aucun diplôme ; ses élèves suivent "
    "d'abord un diplôme de la famille (un Bac pro…), dont les titulaires peuvent ensuite "
    "entrer dans cette formation."
)


def _offer(o: Mapping[str, Any]) -> FeederOffer:
    return FeederOffer(
        actor_id=o["actor"],
        actor_name=o["name"],
        actor_kind=o.get("kind"),
        commune=o.get("commune"),
        commune_from=o.get("commune_from"),
        departement=o.get("departement"),
        modality=o.get("modality"),
        status=o.get("status"),
        capacity=o.get("capacity"),
        entry_year=o.get("entry_year"),
    )


def rank_feeders(rows: Iterable[Mapping[str, Any]], territory: Territory) -> list[Feeder]:
    """The direct entrants first, the earlier steps (a common first year: ``step``
    « earlier ») after them; then feeders with establishments in the territory first; among
    them, documented passerelles before inferred ones, then the known share of entrants (or
    pass rate), then the places offered (of the first course year: a Bac pro's places of 1re
    pro are not counted), then the number of establishments. One entry per diploma (its best
    passerelle).

    >>> t = Territory(departements=["046"])
    >>> rows = [
    ...     {"code": "A", "name": "Bac A", "type": "bac_pro", "level": 4, "origin": "inferred",
    ...      "offers": [{"actor": "x", "name": "X", "departement": "046", "capacity": 30}]},
    ...     {"code": "B", "name": "Bac B", "type": "bac_pro", "level": 4, "origin": "documented",
    ...      "entrant_share": 0.7,
    ...      "offers": [{"actor": "y", "name": "Y", "departement": "046", "capacity": 12}]},
    ...     {"code": "C", "name": "Bac C", "type": "bac_pro", "level": 4, "origin": "documented",
    ...      "offers": [{"actor": "z", "name": "Z", "departement": "012"}]},
    ... ]
    >>> [(f.code, f.places, f.outside) for f in rank_feeders(rows, t)]
    [('B', 12, 0), ('A', 30, 0), ('C', None, 1)]
    >>> rows[0]["offers"].append({"actor": "w", "name": "W", "departement": "046"})
    >>> [(f.code, f.places, f.unknown_places) for f in rank_feeders(rows, t)][1]
    ('A', 30, 1)

    An offer whose places are of the 1re pro (``entry_year`` 2) is not added to the others':
    >>> rows[0]["offers"].append({"actor": "v", "name": "V", "departement": "046",
    ...     "capacity": 12, "entry_year": 2})
    >>> [(f.code, f.places, f.unknown_places, f.later_year_places)
    ...  for f in rank_feeders(rows, t)][1]
    ('A', 30, 1, 1)

    A closed diploma whose offer its renovation carries on is not counted beside it:

    >>> old = {"code": "O", "name": "CAP old", "closed": True, "offers": [
    ...     {"actor": "x", "name": "X", "departement": "046", "capacity": 24}]}
    >>> new = {"code": "N", "name": "CAP new", "offers": [{"actor": "x", "name": "X",
    ...     "departement": "046", "capacity": 24, "status": "renewed", "renewed_from": ["O"]}]}
    >>> [(f.code, f.places) for f in rank_feeders([old, new], t)]
    [('N', 24)]
    """
    rows = list(rows)
    carried = _carried(rows)
    best: dict[str, Feeder] = {}
    where = territory_departements(territory)
    for row in rows:
        r = as_held(row, where)
        if r is None:
            continue
        offers = [o for o in r.get("offers") or [] if o and holds_from(r, [o.get("departement")])]
        if r.get("closed") and offers:
            # a closed diploma's offers its renovation carries on are counted there, once
            offers = [
                o for o in offers if (r["code"], o["actor"], o.get("modality")) not in carried
            ]
            if not offers:
                continue
        inside = [o for o in offers if territory.contains(o, campuses=o.get("campuses"))]
        # places of the first course year only: a Bac pro's 1re pro places (entry_year 2) are
        # not the entry after 3e of another lycée's 2nde pro, never added to them
        first = [o for o in inside if o.get("entry_year") is None]
        capacities = [o["capacity"] for o in first if o.get("capacity") is not None]
        f = Feeder(
            code=r["code"],
            name=display_name(r),
            type=r.get("type") or "other",
            step="earlier" if is_common_year(r) else "direct",
            level=r.get("level"),
            passerelle=r.get("passerelle"),
            kind=r.get("kind"),
            origin=r.get("origin"),
            rate=r.get("rate"),
            entrant_share=r.get("entrant_share"),
            reserved_share=r.get("reserved_share"),
            offers=sorted((_offer(o) for o in inside), key=lambda o: o.actor_name),
            places=sum(capacities) if capacities else None,
            unknown_places=len(first) - len(capacities),
            later_year_places=len(inside) - len(first),
            outside=len(offers) - len(inside),
        )
        if f.code not in best or _key(f) < _key(best[f.code]):
            best[f.code] = f
    return _by_size(list(best.values()))


def _by_size(feeders: list[Feeder]) -> list[Feeder]:
    """``feeders`` in :func:`_key`'s order, their places compared as estimates when some of
    their establishments give none (or give those of the 1re pro only): each such
    establishment counts the feeder's known mean, else the mean of all the feeders' known
    places (tester26: in the Pas-de-Calais, the Bac pro MCV, taught in 23 lycées whose
    pupils enter through the 2de commune, came after a Bac pro of one lycée with 15 places).
    Only the order uses the estimate; ``places`` stays what the files give.

    >>> f = lambda code, places, n, later: Feeder(code=code, name=code, type="bac_pro",
    ...     offers=[FeederOffer(actor_id=str(i), actor_name=str(i)) for i in range(n)],
    ...     places=places, later_year_places=later, outside=0)
    >>> [x.code for x in _by_size([f("one", 15, 1, 0), f("many", 24, 23, 22)])]
    ['many', 'one']
    """
    known = [(f.places, len(f.offers) - f.unknown_places - f.later_year_places) for f in feeders]
    counted = sum(n for p, n in known if p is not None and n > 0)
    mean_all = sum(p for p, n in known if p is not None and n > 0) / counted if counted else 0.0

    def estimate(f: Feeder) -> float:
        n = len(f.offers) - f.unknown_places - f.later_year_places
        mean = f.places / n if f.places is not None and n > 0 else mean_all
        return (f.places or 0) + mean * (len(f.offers) - max(n, 0))

    sizes = {id(f): estimate(f) for f in feeders}
    return sorted(feeders, key=lambda f: _key(f, sizes[id(f)]))


def territory_departements(territory: Territory) -> frozenset[str] | None:
    """The départements a territory lies in, when its départements or its région say them
    (None: a campus alone, a radius or everywhere: not known here)."""
    if territory.departements:
        return frozenset(territory.departements)
    if territory.region:
        from graph.communes import reference

        return frozenset(
            departement_code(d) for d in reference().region_departements(territory.region)
        )
    return None


def as_held(row: Mapping[str, Any], where: frozenset[str] | None) -> Mapping[str, Any] | None:
    """A feeder row as its passerelle holds for a target taken in the départements ``where``
    (None: unknown): None when it does not hold there at all (an inferred leg into a campus
    programme's territory elsewhere, or from it: a campus's local leg, which no source of
    another territory takes — tester23, Allier: MSPC → BTS électrotechnique of the Mecanic
    Vallée listed with no establishment); a documented scoped leg whose scope lies outside
    ``where`` as an inferred leg without id nor figures; else the row.

    >>> leg = {"origin": "inferred", "to_departements": ["012", "046"]}
    >>> as_held(leg, frozenset({"076"})) is None, as_held(leg, None) is leg
    (True, True)
    >>> local = {"origin": "inferred", "from_departements": ["012", "046"]}
    >>> as_held(local, frozenset({"003"})) is None, as_held(local, frozenset({"046"})) is local
    (True, True)
    >>> doc = {"origin": "documented", "scope": "campus", "scope_departements": ["046"],
    ...        "passerelle": "p1", "rate": 0.8}
    >>> as_held(doc, frozenset({"046"})) is doc
    True
    >>> sorted(as_held(doc, frozenset({"027"})).items())
    [('origin', 'inferred'), ('passerelle', None), ('scope', 'campus'), \
('scope_departements', ['046'])]
    """
    to = row.get("to_departements")
    if to and where is not None and not where & set(to):
        return None
    frm = row.get("from_departements")
    if frm and where is not None and not where & set(frm):
        return None  # a campus's local leg: no source in this territory takes it
    scope = row.get("scope") or "national"
    if row.get("origin") != "documented" or scope == "national" or where is None:
        return row
    held = set(row.get("scope_actor_departements") or ())
    if scope != "actors":
        held |= set(row.get("scope_departements") or ())
    if where & held:
        return row
    out = {k: v for k, v in row.items() if k not in FIGURES}
    out.update(origin="inferred", passerelle=None)
    return out


def _carried(rows: Iterable[Mapping[str, Any]]) -> set[tuple[str, str, str | None]]:
    """(old code, actor, modality) of every offer a renewed offer carries on under the
    renovated code (graph/ingest/opendata/renewal.py): the same offer, not another one; and
    of every offer of a closed code whose establishment offers, in the same modality, the
    code renovating it (BCN lineage, ``renamed_to``): listed « open » under both codes by
    files of different years (Joubert-Maillard's Bac pro MEI 40025007, closed in 2023, and
    its MSPC 40025012), they are the same seats.

    >>> rows = [{"code": "OLD", "closed": True, "renamed_to": ["NEW"],
    ...          "offers": [{"actor": "a", "modality": "school", "status": "open"}]},
    ...         {"code": "NEW", "offers": [{"actor": "a", "modality": "school",
    ...                                     "status": "open"}]}]
    >>> sorted(_carried(rows))
    [('OLD', 'a', 'school')]
    """
    rows = list(rows)
    offered = {
        (r["code"], o["actor"], o.get("modality")) for r in rows for o in r.get("offers") or [] if o
    }
    renovated = {
        (r["code"], o["actor"], o.get("modality"))
        for r in rows
        if r.get("closed")
        for o in r.get("offers") or []
        if o
        and any(
            (new, o["actor"], o.get("modality")) in offered for new in r.get("renamed_to") or ()
        )
    }
    return renovated | {
        (old, o["actor"], o.get("modality"))
        for r in rows
        for o in r.get("offers") or []
        if o and o.get("status") == "renewed"
        for old in o.get("renewed_from") or ()
    }


def _key(f: Feeder, size: float | None = None) -> tuple[Any, ...]:
    """The order of feeders; ``size``: the places to compare (:func:`_by_size`), else the
    places the files give."""
    share = f.entrant_share if f.entrant_share is not None else f.rate
    return (
        f.step == "earlier",  # the direct entrants first (a 2de commune leads to a Bac pro)
        not f.offers,
        f.origin != "documented",
        -(share or 0.0),
        -(size if size is not None else (f.places or 0)),
        -len(f.offers),
        f.name,
    )


def find_feeders(store: GraphReader, to: str, territory: Territory, limit: int) -> FeedersAnswer:
    """The ranked feeders of diploma ``to`` in ``territory``; NotFound for an unknown code."""
    found = store.read("diploma_get", code=to)
    if not found:
        raise NotFound("diploma", to)
    ranked = rank_feeders(store.read("feeders", to=to), territory)
    diploma = readable(found[0]["diploma"])
    return FeedersAnswer(
        to=to,
        name=diploma["name"],
        source_name=diploma["source_name"],
        territory=territory.describe(),
        territory_phrase=territory.describe_in(),
        count=len(ranked),
        feeders=ranked[:limit],
        earlier_note=EARLIER_NOTE if any(f.step == "earlier" for f in ranked[:limit]) else None,
    )
