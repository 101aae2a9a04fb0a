"""The rows a gap report is computed from (read by :mod:`graph.gaps.data`), and the small pure
helpers over them that the sections and the reading share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["GapData", "dead_end_targets", "next_steps"]

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
