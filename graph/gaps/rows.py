"""The rows a gap report is computed from (read by :mod:`graph.gaps.data`), and the small pure
helpers over them that the sections and the reading share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.territory import Territory

__all__ = ["GapData", "dead_end_targets", "next_steps"]

Row = dict[str, Any]


@dataclass
class GapData:
    """The rows a report is computed from, and the territory's part of them.

    ``offers``: gaps_offers rows (actor, offer, diploma, sectors) of the territory;
    ``inside``: those whose offer is in the territory (the exact radius test);
    ``inside_for_sector``: the same, for the sector asked if any; ``legs``: where the LEADS_TO
    legs leaving them go, one (source, target) row per pair (gaps_next_steps);
    ``outside_offers``: offers anywhere of the next steps of dead ends; ``sectors``,
    ``actors``, ``edges``, ``agreements``: those of the territory and of its partners;
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
    local_campuses: set[str] = field(default_factory=set)
    # the campuses of the territory: their filières, demand tables and figures may be shown


def next_steps(legs: Iterable[Row]) -> defaultdict[str, set[str]]:
    """diploma code -> the codes its legs lead to."""
    nexts: defaultdict[str, set[str]] = defaultdict(set)
    for leg in legs:
        nexts[leg["source"]].add(leg["target"])
    return nexts


def dead_end_targets(inside: Iterable[Row], legs: Iterable[Row]) -> list[str]:
    """The next steps of the offers none of whose next steps is offered inside: where the
    dead-ends section looks for the nearest offer elsewhere."""
    nexts = next_steps(legs)
    offered_inside = {r["diploma"]["code"] for r in inside}
    # judged once per diploma, not once per offer and next step
    ends = [code for code in offered_inside if not nexts.get(code, set()) & offered_inside]
    return sorted({c for code in ends for c in nexts.get(code, ())})


def campuses_of_territory(campuses: Iterable[Row], territory: Territory) -> set[str]:
    """The campuses whose data belongs to the territory: the campus asked, or those sharing a
    département or the région asked (a radius alone names no campus). A campus's filières,
    demand tables and recruitment figures are shown only in its own territory.

    >>> t = Territory(departements=["076", "027"])
    >>> sorted(campuses_of_territory([{"id": "mv", "departements": ["012", "046"],
    ...     "region_code": "76"}, {"id": "eee", "departements": ["076"], "region_code": "28"}], t))
    ['eee']
    """
    out = set()
    for c in campuses:
        if territory.campus:
            if c["id"] == territory.campus:
                out.add(c["id"])
            continue
        deps = set(c.get("departements") or [])
        if (
            territory.departements
            and deps & set(territory.departements)
            or (
                territory.region
                and not territory.departements
                and c.get("region_code") == (territory.region)
            )
        ):
            out.add(c["id"])
    return out
