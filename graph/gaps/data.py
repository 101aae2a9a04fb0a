"""What a gap report reads: the only reads of the store for a report, all done before any
section is computed (:func:`read_gap_data`).

The territory's offers and the legs leaving what they offer are read, not every offer and leg
of the country (that dominated the report at national size, ``bench/gaps.py``); offers outside
the territory are read only for the next steps of actual dead ends (:func:`dead_end_targets`).
"""

from __future__ import annotations

from graph.gaps.rows import GapData, campuses_of_territory, dead_end_targets
from graph.store import GraphStore
from graph.territory import ANYWHERE, Territory

__all__ = ["read_gap_data"]


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
    d.local_campuses = campuses_of_territory(store.read("gaps_campuses"), territory)
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
