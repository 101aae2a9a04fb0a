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


def test_without_home_the_first_leg_starts_at_the_territorys_centre() -> None:
    """The answer measures the first step's distance from `near` when no home is given
    (« d'Évreux (centre du territoire) »); the map drew no leg to the first step."""
    from api.geojson_schemas import PathwaysFeatureCollection
    from graph.territory import Point

    answer = _answer([_step(1, _offer("a", 49.0, 1.1)), _step(2, _offer("b", 49.1, 1.2))])
    evreux = Point(lat=49.02, lon=1.15, label="Évreux")
    fc = pathways_geojson(answer, near=evreux)
    PathwaysFeatureCollection.model_validate(fc)
    centre = [f for f in fc["features"] if f["properties"]["feature"] == "centre"]
    assert [(f["geometry"]["coordinates"], f["properties"]["label"]) for f in centre] == [
        ([1.15, 49.02], "Évreux")
    ]
    legs = [f for f in fc["features"] if f["properties"]["feature"] == "leg"]
    assert [(leg["properties"]["from_step"], leg["properties"]["origin"]) for leg in legs] == [
        (-1, "centre"),
        (1, None),
    ]
    assert legs[0]["geometry"]["coordinates"] == [[1.15, 49.02], [1.1, 49.0]]
    # a home wins over the centre, as in the answer's distances
    home = Point(lat=48.9, lon=1.0, label="Pacy")
    fc = pathways_geojson(answer, home=home, near=evreux)
    kinds = [f["properties"]["feature"] for f in fc["features"]]
    assert "centre" not in kinds and kinds.count("home") == 1
    first = next(f for f in fc["features"] if f["properties"]["feature"] == "leg")
    assert first["properties"]["origin"] == "home"
    assert first["geometry"]["coordinates"][0] == [1.0, 48.9]
    # neither: no leg to the first step (the trip counts from it)
    fc = pathways_geojson(answer)
    assert [
        f["properties"]["from_step"] for f in fc["features"] if f["properties"]["feature"] == "leg"
    ] == [1]


def test_a_leg_says_how_its_passerelle_is_known() -> None:
    """A map could not draw inferred legs apart: the leg carried the passerelle's id and kind
    only (tester19), so a client had to ask for each passerelle."""
    from api.geojson_schemas import PathwaysFeatureCollection
    from graph.pathways.answer import PasserelleUsed

    inferred = PasserelleUsed(
        id="p1",
        kind="poursuite",
        origin="inferred",
        description="passerelle déduite de ce que les deux diplômes ont en commun",
    )
    second = _step(2, _offer("b", 44.7, 2.1)).model_copy(update={"passerelle": inferred})
    fc = pathways_geojson(_answer([_step(1, _offer("a", 44.6, 2.0)), second]))
    PathwaysFeatureCollection.model_validate(fc)
    (leg,) = [f["properties"] for f in fc["features"] if f["properties"]["feature"] == "leg"]
    assert (leg["passerelle_origin"], leg["passerelle_description"]) == (
        "inferred",
        "passerelle déduite de ce que les deux diplômes ont en commun",
    )
