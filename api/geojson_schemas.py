"""What the GeoJSON endpoints answer, as pydantic models for the OpenAPI document only.

The answers themselves are built as plain dicts (the map is served pre-gzipped by
graph/mapdata.py, the pathways' GeoJSON by graph/pathways/geojson.py): validating them through
these models would cost time for nothing. These models document every field of a Feature's
``properties`` for map clients; ``tests/integration/test_geojson_schemas.py`` checks real
answers against them, so that the document and the code cannot drift apart.
"""

from __future__ import annotations

from typing import Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from graph.pathways.answer import UnreachedGoals

GEOJSON = "application/geo+json"
Position = list[float]  # [lon, lat]


class GeoJSONResponse(JSONResponse):
    media_type = GEOJSON


class PointGeometry(BaseModel):
    type: Literal["Point"]
    coordinates: Position = Field(min_length=2, max_length=2, description="[lon, lat].")


class LineGeometry(BaseModel):
    type: Literal["LineString"]
    coordinates: list[Position] = Field(description="[[lon, lat], [lon, lat]].")


# --- /map.geojson ------------------------------------------------------------------------------


class MapPlaceProperties(BaseModel):
    feature: Literal["actor", "platform"]
    id: str = Field(description="Actor or platform id (GET /actors/{id}).")
    name: str
    kind: str = Field(description="Actor or platform kind (the closed lists of the model).")
    commune: str | None = None
    commune_from: Literal["contour", "coordinates", "centre", "name"] | None = Field(
        default=None,
        description="How the commune is known when the files give none: 'contour', the "
        "commune whose contour holds the place, clear of its border; 'coordinates', a commune "
        "deduced from the position only (near a border, or the nearest centre): « près de »; "
        "'centre', the nearest centre within 1 km; 'name', the one the place's name gives; "
        "null: from the files.",
    )
    location_precision: Literal["address", "commune"] | None = Field(
        default=None,
        description="'address': its own position; 'commune': only its commune's centre "
        "(approximate); null: not known.",
    )
    uai: str | None = Field(default=None, description="UAI (Éducation nationale), to join.")
    siret: str | None = None
    insee: str | None = Field(
        default=None,
        description="INSEE code of its commune. With `commune_from` 'coordinates' it is the code "
        "of the nearest commune, deduced: the place may lie in a neighbouring one, so do not "
        "join it with registers as a fact of the files.",
    )
    departement: str | None = Field(
        default=None, description="Département or overseas collectivity code (046, 971, 987)."
    )
    campuses: list[str] = Field(description="Ids of the campuses it is a member of.")
    sectors: list[str] = Field(description="Sector ids of what it offers or does.")
    levels: list[int] = Field(description="Levels (3-8) of the diplomas it offers.")
    modalities: list[str] = Field(description="school, apprenticeship, continuing.")
    offers: int | None = Field(default=None, description="How many programmes it offers.")
    boarding_places: int | None = None


class MapFeature(BaseModel):
    type: Literal["Feature"]
    id: str = Field(description="'actor:<id>' or 'platform:<id>'.")
    geometry: PointGeometry
    properties: MapPlaceProperties


class Unplaced(BaseModel):
    count: int
    by_kind: dict[str, int]


class MapFeatureCollection(BaseModel):
    type: Literal["FeatureCollection"]
    features: list[MapFeature]
    unplaced: Unplaced = Field(description="The matching places without coordinates, by kind.")
    notice: str | None = Field(
        default=None,
        description="With a modality: the kinds of diploma (at the level asked) the imported "
        "files cover but never in that modality, whose places the map cannot draw (French).",
    )


# --- /pathways.geojson -------------------------------------------------------------------------


class HomeProperties(BaseModel):
    feature: Literal["home"]
    label: str | None = Field(default=None, description="The learner's town, as resolved.")


class CentreProperties(BaseModel):
    feature: Literal["centre"]
    label: str | None = Field(
        default=None,
        description="The town the territory is drawn around (`near`), where the distances "
        "start when no home is given.",
    )


class StepProperties(BaseModel):
    feature: Literal["step"]
    rank: int = Field(description="The pathway's rank.")
    step: int = Field(description="The step's index in its pathway (1 = first after the start).")
    code: str = Field(description="Diploma code.")
    diploma: str = Field(description="Diploma name, as people write it.")
    type: str | None = None
    level: int | None = None
    actor_id: str
    actor: str = Field(description="The chosen establishment's name.")
    commune: str | None = None
    location_precision: Literal["address", "commune"] | None = None
    modality: str | None = None
    status: str | None = None
    outside_territory: bool
    passerelle: str | None = Field(default=None, description="Passerelle id (to link to it).")
    score: float = Field(description="The pathway's total score.")


class LegProperties(BaseModel):
    feature: Literal["leg"]
    rank: int
    from_step: int = Field(
        description="The previous step's index (-1: where the distances start, see origin)."
    )
    origin: Literal["home", "centre"] | None = Field(
        default=None,
        description="For the first leg (from_step -1): from the learner's town (home), else "
        "from the territory's centre (near); None for the legs between steps.",
    )
    to_step: int
    distance_km: float | None = None
    passerelle: str | None = None
    kind: str | None = Field(default=None, description="The passerelle's kind.")
    passerelle_origin: str | None = Field(
        default=None,
        description="How the passerelle is known, as the JSON answer's step.passerelle.origin: "
        "'documented' (a document says it), 'inferred' (a rule infers it), 'after_3e' (the "
        "orientation after the 3e).",
    )
    passerelle_description: str | None = Field(
        default=None,
        description="What people read about it (French): documented by which text, or "
        "inferred by which rule — as the JSON answer's step.passerelle.description.",
    )


class PointFeature(BaseModel):
    type: Literal["Feature"]
    geometry: PointGeometry
    properties: HomeProperties | CentreProperties | StepProperties


class LineFeature(BaseModel):
    type: Literal["Feature"]
    geometry: LineGeometry
    properties: LegProperties


class UnplacedStep(BaseModel):
    step: int
    code: str
    diploma: str
    actor_id: str | None = None
    actor: str | None = None
    commune: str | None = None
    distance_learning: bool = Field(description="Taught at a distance: no place on the map.")


class ListedPathway(BaseModel):
    rank: int
    steps: int = Field(description="Its steps after the start.")
    unplaced: list[UnplacedStep] = Field(description="Its steps without a Point.")


class PathwaysCollectionProperties(BaseModel):
    start: str
    start_phrase: str
    goal: str
    territory: str
    territory_phrase: str
    count: int
    notices: list[str]
    unreached_goals: UnreachedGoals | None = None
    reason: str | None = None
    files_cannot_tell: bool = False  # no pathway, and the public files cannot know one
    pathways: list[ListedPathway] = Field(description="Every pathway, placed or not.")
    unplaced_steps: int


class PathwaysFeatureCollection(BaseModel):
    type: Literal["FeatureCollection"]
    features: list[PointFeature | LineFeature]
    properties: PathwaysCollectionProperties = Field(
        description="The JSON answer's fields but its pathways, for the map's sentences."
    )
