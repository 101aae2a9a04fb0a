"""The answer to a pathway question, as the API and the CLI give it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.geo import haversine_km
from graph.pathways.scoring import Scored

__all__ = [
    "OfferOut",
    "PasserelleUsed",
    "PathwayAnswer",
    "PathwayOut",
    "ScoreOut",
    "StepOut",
    "pathway_out",
]

# --- answer -------------------------------------------------------------------------------


class OfferOut(BaseModel):
    actor_id: str
    actor_name: str
    actor_kind: str
    uai: str | None = None
    commune: str | None = None
    insee: str | None = None
    departement: str | None = None
    lat: float | None = None
    lon: float | None = None
    modality: str | None = None
    status: str
    capacity: int | None = None
    year: int | None = None
    boarding_places: int | None = None
    in_territory: bool
    distance_km: float | None = Field(
        default=None, description="From the previous step's establishment, or from home."
    )
    chosen: bool = False
    source: str


class PasserelleUsed(BaseModel):
    id: str | None
    kind: str
    origin: str | None = None
    rate: float | None = None
    entrant_share: float | None = None
    reserved_share: float | None = None
    modality: str | None = None


class StepOut(BaseModel):
    index: int
    code: str
    name: str
    type: str
    level: int | None = None
    passerelle: PasserelleUsed | None = Field(default=None, description="None for the start.")
    outside_territory: bool = False
    offers: list[OfferOut] = []


class ScoreOut(BaseModel):
    total: float
    components: dict[str, float]
    explanation: list[str]


class PathwayOut(BaseModel):
    rank: int
    steps: list[StepOut]
    travel_km: float | None
    outside_steps: int
    score: ScoreOut


class PathwayAnswer(BaseModel):
    start: str
    goal: str
    territory: str
    count: int
    notices: list[str] = Field(
        default=[],
        description="What the learner must read first, in French: e.g. that the data holds no "
        "programme of the goal in the territory, before pathways that leave it.",
    )
    pathways: list[PathwayOut]
    reason: str | None = Field(default=None, description="Why there is no pathway, if none.")


def pathway_out(s: Scored, rank: int, explanation: list[str]) -> PathwayOut:
    """The answer's form of a scored pathway (built for the returned pathways only)."""
    first = s.start
    steps = [
        StepOut(
            index=0,
            code=first["code"],
            name=first["name"],
            type=first["type"],
            level=first.get("level"),
        )
    ]
    for i, st in enumerate(s.plan, start=1):
        d, leg, prev, best = st.diploma, st.leg, st.prev, st.choice.ranked[0]
        outs = []
        for o in st.choice.ranked:
            od = None
            if prev is not None and o.offer.get("lat") is not None:
                od = round(haversine_km(prev[0], prev[1], o.offer["lat"], o.offer["lon"]), 1)
            outs.append(
                OfferOut(
                    actor_id=o.actor["id"],
                    actor_name=o.actor["name"],
                    actor_kind=o.actor["kind"],
                    uai=o.actor.get("uai"),
                    commune=o.offer.get("commune"),
                    insee=o.offer.get("site"),
                    departement=o.offer.get("departement"),
                    lat=o.offer.get("lat"),
                    lon=o.offer.get("lon"),
                    modality=o.offer["modality"],
                    status=o.offer["status"],
                    capacity=o.offer.get("capacity"),
                    year=o.offer.get("year"),
                    boarding_places=o.actor.get("boarding_places"),
                    in_territory=o.in_territory,
                    distance_km=od,
                    chosen=o is best,
                    source=o.offer.get("source") or "",
                )
            )
        steps.append(
            StepOut(
                index=i,
                code=d["code"],
                name=d["name"],
                type=d["type"],
                level=d.get("level"),
                passerelle=PasserelleUsed(
                    id=leg.get("passerelle_id"),
                    kind=leg["kind"],
                    origin=leg.get("passerelle_origin"),
                    rate=leg.get("rate"),
                    entrant_share=leg.get("entrant_share"),
                    reserved_share=leg.get("reserved_share"),
                    modality=leg.get("modality"),
                ),
                outside_territory=not best.in_territory,
                offers=outs,
            )
        )
    return PathwayOut(
        rank=rank,
        steps=steps,
        travel_km=None if s.travel_km is None else round(s.travel_km, 1),
        outside_steps=s.outside,
        score=ScoreOut(total=round(s.score, 2), components=s.components, explanation=explanation),
    )
