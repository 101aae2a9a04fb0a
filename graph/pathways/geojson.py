"""GeoJSON (RFC 7946: WGS84, [longitude, latitude]) for map clients."""

from __future__ import annotations

from typing import Any

from graph.pathways.answer import PathwayAnswer
from graph.territory import Point


def _point(lon: float, lat: float, props: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }


def pathways_geojson(
    answer: PathwayAnswer, home: Point | None = None, near: Point | None = None
) -> dict[str, Any]:
    """Steps as Points (the chosen establishment of each step), legs as LineStrings.

    The first leg starts where the answer's distances start (graph/pathways/find.py): the
    learner's town (``home``, a Point ``"feature": "home"``), else the town the territory is
    drawn around (``near``, a Point ``"feature": "centre"``: the text says « d'Évreux (centre
    du territoire) »). That leg has ``from_step`` -1 and ``origin`` ``"home"`` or
    ``"centre"``; the other legs have ``origin`` None. Without either, the first step has no
    leg, as the text counts the trip from it.

    A step whose establishment has no coordinates, or teaches at a distance (flagged
    ``distance_learning``), has no Point; its pathway is kept all the same: the collection's
    ``properties.pathways`` lists every pathway with its unplaced steps, and
    ``properties.unplaced_steps`` counts them, so that no pathway disappears silently.

    The collection's ``properties`` carry every field of the JSON answer but its pathways (the
    start and its French phrase, the goal, the territory, the count, the notices, the reason), so
    that a map client can say the same sentences as the page.
    """
    features: list[dict[str, Any]] = []
    listed: list[dict[str, Any]] = []
    start = home if home is not None else near
    origin = "home" if home is not None else "centre"
    if start is not None:
        features.append(_point(start.lon, start.lat, {"feature": origin, "label": start.label}))
    for p in answer.pathways:
        prev: tuple[float, float, int] | None = (start.lon, start.lat, -1) if start else None
        unplaced: list[dict[str, Any]] = []
        listed.append({"rank": p.rank, "steps": len(p.steps) - 1, "unplaced": unplaced})
        for step in p.steps[1:]:
            chosen = next((o for o in step.offers if o.chosen), None)
            # taught at a distance: its address is no place of the pathway (distance_learning.py)
            remote = chosen is not None and chosen.distance_learning
            if chosen is None or chosen.lat is None or chosen.lon is None or remote:
                unplaced.append(
                    {
                        "step": step.index,
                        "code": step.code,
                        "diploma": step.name,
                        "actor_id": chosen.actor_id if chosen else None,
                        "actor": chosen.actor_name if chosen else None,
                        "commune": chosen.commune if chosen else None,
                        "distance_learning": remote,
                    }
                )
                continue
            features.append(
                _point(
                    chosen.lon,
                    chosen.lat,
                    {
                        "feature": "step",
                        "rank": p.rank,
                        "step": step.index,
                        "code": step.code,
                        "diploma": step.name,
                        "type": step.type,
                        "level": step.level,
                        "actor_id": chosen.actor_id,
                        "actor": chosen.actor_name,
                        "commune": chosen.commune,
                        # "commune": placed at its commune's centre (graph/place_precision.py)
                        "location_precision": chosen.location_precision,
                        "modality": chosen.modality,
                        "status": chosen.status,
                        "outside_territory": step.outside_territory,
                        "passerelle": step.passerelle.id if step.passerelle else None,
                        "score": p.score.total,
                    },
                )
            )
            if prev is not None and (prev[0], prev[1]) != (chosen.lon, chosen.lat):
                used = step.passerelle
                features.append(
                    {
                        "type": "Feature",
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [[prev[0], prev[1]], [chosen.lon, chosen.lat]],
                        },
                        "properties": {
                            "feature": "leg",
                            "rank": p.rank,
                            "from_step": prev[2],
                            "origin": origin if prev[2] == -1 else None,
                            "to_step": step.index,
                            "distance_km": chosen.distance_km,
                            "passerelle": step.passerelle.id if step.passerelle else None,
                            "kind": step.passerelle.kind if step.passerelle else None,
                            # how the passerelle is known, so that a map can draw inferred legs
                            # apart without asking for each passerelle
                            "passerelle_origin": used.origin if used else None,
                            "passerelle_description": used.description or None if used else None,
                        },
                    }
                )
            prev = (chosen.lon, chosen.lat, step.index)
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {
            "start": answer.start,
            "start_phrase": answer.start_phrase,
            "goal": answer.goal,
            "territory": answer.territory,
            "territory_phrase": answer.territory_phrase,
            "count": answer.count,
            "notices": answer.notices,
            "unreached_goals": (
                answer.unreached_goals.model_dump() if answer.unreached_goals else None
            ),
            "reason": answer.reason,
            "files_cannot_tell": answer.files_cannot_tell,
            "pathways": listed,
            "unplaced_steps": sum(len(x["unplaced"]) for x in listed),
        },
    }
