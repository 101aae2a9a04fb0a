"""Section 2, dead ends: offers whose every known next step is absent from the territory."""

from __future__ import annotations

from collections import defaultdict

from graph.gaps.findings import Finding, NodeRef, Row, actor_ref
from graph.gaps.rows import GapData, next_steps
from graph.geo import haversine_km

__all__ = ["dead_ends"]


def dead_ends(d: GapData) -> list[Finding]:
    """Offers whose every known next step is absent from the territory, with the nearest
    offer of a next step elsewhere (``d.outside_offers``: see :func:`dead_end_targets`)."""
    inside = d.inside_for_sector
    nexts = next_steps(d.legs)
    offered_inside = {r["diploma"]["code"] for r in inside}
    all_offers: dict[str, list[Row]] = defaultdict(list)
    for r in d.outside_offers:
        all_offers[r["diploma"]["code"]].append(r)
    out = []
    seen: set[tuple[str, str]] = set()
    for r in inside:
        code = r["diploma"]["code"]
        targets = nexts.get(code, set())
        if not targets or targets & offered_inside:
            continue
        key = (r["actor"]["id"], code)
        if key in seen:
            continue
        seen.add(key)
        nearest = _nearest_outside(r, targets, all_offers)
        where = (
            f" La suite la plus proche : {nearest['diploma_name']} à {nearest['actor']} "
            f"({nearest['commune']}), à {nearest['km']:.0f} km."
            if nearest
            else " Aucune offre de la suite n'est connue ailleurs."
        )
        out.append(
            Finding(
                id=f"dead_end:{r['actor']['id']}:{code}",
                title=f"{r['diploma']['name']} — {r['actor']['name']}",
                why=(
                    f"Toutes les passerelles connues depuis ce diplôme ({len(targets)}) mènent "
                    f"à des formations absentes du territoire.{where}"
                ),
                severity="medium" if nearest else "high",
                nodes=[
                    actor_ref(r["actor"]),
                    NodeRef(type="diploma", key=code, name=r["diploma"]["name"]),
                ],
                data={
                    "diploma": code,
                    "actor": r["actor"]["id"],
                    "next_diplomas": sorted(targets),
                    "nearest_outside": nearest,
                },
                sources=[r["offer"]["source"]] if r["offer"].get("source") else [],
            )
        )
    out.sort(key=lambda f: (f.severity != "high", f.title))
    return out


def _nearest_outside(r: Row, targets: set[str], all_offers: dict[str, list[Row]]) -> Row | None:
    o = r["offer"]
    best = None
    for code in targets:
        for x in all_offers.get(code, []):
            xo = x["offer"]
            if xo.get("lat") is None or o.get("lat") is None:
                continue
            km = haversine_km(o["lat"], o["lon"], xo["lat"], xo["lon"])
            if best is None or km < best["km"]:
                best = {
                    "diploma": code,
                    "diploma_name": x["diploma"]["name"],
                    "actor_id": x["actor"]["id"],
                    "actor": x["actor"]["name"],
                    "commune": xo.get("commune"),
                    "departement": xo.get("departement"),
                    "km": round(km, 1),
                }
    return best
