"""What a gap report reads: the only reads of the store for a report, all done before any
section is computed (:func:`read_gap_data`).

The territory's offers and the legs leaving what they offer are read, not every offer and leg
of the country (that dominated the report at national size, ``bench/gaps.py``); offers outside
the territory are read only for the next steps of actual dead ends (:func:`dead_end_targets`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.store import GraphStore
from graph.territory import ANYWHERE, Territory

__all__ = ["GapData", "dead_end_targets", "next_steps", "read_gap_data"]

Row = dict[str, Any]


@dataclass
class GapData:
    """The rows a report is computed from, and the territory's part of them.

    ``offers``: gaps_offers rows (actor, offer, diploma, sectors) of the territory;
    ``inside``: those whose offer is in the territory (the exact radius test);
    ``inside_for_sector``: the same, for the sector asked if any; ``legs``: LEADS_TO legs
    (source, target) leaving them; ``outside_offers``: offers anywhere of the next steps of
    dead ends; ``sectors``, ``actors``, ``edges``, ``agreements``: the whole graph's;
    ``inside_ids``: the actors and platforms of the territory.
    """

    offers: list[Row] = field(default_factory=list)
    legs: list[Row] = field(default_factory=list)
    sectors: list[Row] = field(default_factory=list)
    actors: list[Row] = field(default_factory=list)
    edges: list[Row] = field(default_factory=list)
    agreements: list[Row] = field(default_factory=list)
    inside: list[Row] = field(default_factory=list)
    inside_for_sector: list[Row] = field(default_factory=list)
    inside_ids: set[str] = field(default_factory=set)
    outside_offers: list[Row] = field(default_factory=list)


def next_steps(legs: Iterable[Row]) -> defaultdict[str, set[str]]:
    """diploma code -> the codes its legs lead to."""
    nexts: defaultdict[str, set[str]] = defaultdict(set)
    for leg in legs:
        nexts[leg["source"]].add(leg["target"])
    return nexts


def dead_end_targets(inside: Iterable[Row], legs: Iterable[Row]) -> list[str]:
    """The next steps of the offers none of whose next steps is offered inside: where the
    dead-ends section looks for the nearest offer elsewhere."""
    inside = list(inside)
    nexts = next_steps(legs)
    offered_inside = {r["diploma"]["code"] for r in inside}
    return sorted(
        {
            c
            for r in inside
            for c in nexts.get(r["diploma"]["code"], ())
            if not nexts[r["diploma"]["code"]] & offered_inside
        }
    )


def read_gap_data(store: GraphStore, territory: Territory, sector: str | None) -> GapData:
    """Every row a report of this territory (and sector) needs."""
    params = territory.query_params()
    offers = store.read("gaps_offers", codes=None, **params)
    codes = sorted({r["diploma"]["code"] for r in offers}) if params["restrict"] else None
    d = GapData(
        offers=offers,
        legs=store.read("gaps_leads_to", codes=codes),
        sectors=store.read("gaps_sectors"),
        actors=store.read("gaps_actors"),
        edges=store.read("gaps_edges"),
        agreements=store.read("gaps_agreements"),
    )
    d.inside_ids = {
        a["id"]
        for a in d.actors
        if territory.contains(a, campuses=a.get("campuses"), by_region=False)
    }
    d.inside = [
        r for r in offers if territory.contains(r["offer"], campuses=r["actor"].get("campuses"))
    ]
    d.inside_for_sector = [r for r in d.inside if sector in r["sectors"]] if sector else d.inside
    targets = dead_end_targets(d.inside_for_sector, d.legs)
    if targets:
        d.outside_offers = store.read("gaps_offers", codes=targets, **ANYWHERE.query_params())
    return d
