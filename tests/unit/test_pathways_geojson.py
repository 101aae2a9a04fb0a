"""/pathways.geojson keeps a pathway whose step cannot be placed, and lists that step."""

from __future__ import annotations

from graph.pathways.answer import (
    OfferOut,
    PathwayAnswer,
    PathwayOut,
    ScoreOut,
    StepOut,
    UnreachedGoals,
)
from graph.pathways.geojson import pathways_geojson


def _offer(actor: str, lat: float | None, lon: float | None) -> OfferOut:
    return OfferOut(
        actor_id=actor, actor_name=actor.upper(), actor_kind="lycee", lat=lat, lon=lon,
        status="open", in_territory=True, chosen=True, source="s",
    )  # fmt: skip


def _step(i: int, offer: OfferOut | None) -> StepOut:
    return StepOut(
        index=i, code=f"D{i}", name=f"Diplôme {i}", type="bts", offers=[offer] if offer else []
    )


def _answer(*pathways: list[StepOut]) -> PathwayAnswer:
    return PathwayAnswer(
        start="A", start_phrase="du diplôme A", goal="B", territory="t", territory_phrase="dans t",
        count=len(pathways),
        pathways=[
            PathwayOut(rank=r, steps=[_step(0, None), *steps], travel_km=None, outside_steps=0,
                       score=ScoreOut(total=100, components={}, explanation=[]))
            for r, steps in enumerate(pathways, start=1)
        ],
    )  # fmt: skip


def test_a_pathway_with_an_unplaced_step_is_kept_and_the_step_listed() -> None:
    placed = _step(1, _offer("a", 44.6, 2.0))
    nowhere = _step(2, _offer("b", None, None))
    fc = pathways_geojson(_answer([placed, nowhere], [_step(1, _offer("c", None, None))]))
    props = fc["properties"]
    assert [p["rank"] for p in props["pathways"]] == [1, 2]  # the second has no point at all
    assert [u["actor"] for u in props["pathways"][0]["unplaced"]] == ["B"]
    assert [u["step"] for u in props["pathways"][1]["unplaced"]] == [1]
    assert props["unplaced_steps"] == 2
    points = [f for f in fc["features"] if f["geometry"]["type"] == "Point"]
    assert [(f["properties"]["rank"], f["properties"]["step"]) for f in points] == [(1, 1)]


def test_the_collection_carries_every_sentence_of_the_json_answer() -> None:
    """``start_phrase`` (« du Bac pro cuisine (40022106) ») and the notices were in the JSON
    answer but not in the GeoJSON one: a map client could not say where the learner starts."""
    answer = _answer([_step(1, _offer("a", 44.6, 2.0))]).model_copy(
        update={
            "notices": ["Aucune formation visée dans le territoire."],
            "reason": None,
            "unreached_goals": UnreachedGoals(
                count=1, examples=["BTS B"], sentence="1 autre diplôme … : BTS B."
            ),
        }
    )
    props = pathways_geojson(answer)["properties"]
    meta = answer.model_dump(exclude={"pathways"})
    assert {k: props.get(k, "absent") for k in meta} == meta
    assert props["start_phrase"] == "du diplôme A"
