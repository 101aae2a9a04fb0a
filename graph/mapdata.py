"""Actors and platforms as GeoJSON points (RFC 7946, [lon, lat]) for map clients.

Those that match the filters but have no coordinates are not features; the collection says how
many they are, by kind, in its foreign member ``unplaced`` (RFC 7946 §6.1), so that a map never
drops them silently.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from typing import Any

from pydantic import Field, field_validator, model_validator

from graph import communes
from graph.departements import (
    de_place,
    departement_number,
    departements_phrase,
    insee_departement,
)
from graph.errors import InvalidRequest, NotFound
from graph.gaps.cache import cached_answer
from graph.memory import release_free_memory
from graph.modality_words import modality_value
from graph.models import DEPARTEMENT_INPUT_PATTERN, ActorKind, Modality, PlatformKind
from graph.nsf import field_code, nsf_name
from graph.pathways.undescribed import described_kinds, map_undescribed_notice
from graph.place_precision import location_precision
from graph.sector_suggestions import unknown_sector
from graph.store import GraphStore
from graph.territory import ANYWHERE, Point, Territory, TerritoryRequest, check_fields

__all__ = ["MapRequest", "around_point", "map_geojson_gzip", "map_points", "warm_map"]

# gzip level of the kept map: 6 writes the whole country in a third of the time of 9 (the
# middleware's), 7 % larger (0.39 against 0.37 MB)
GZIP_LEVEL = 6
# features beyond which the memory freed after computing a view is given back to the system
# (the whole country: 10 000; a département: a few hundred)
LARGE_MAP = 2_000


class MapRequest(TerritoryRequest):
    """The map's question: the territory of /gaps and /coverage (campus, départements, région,
    a radius around a place: :func:`graph.territory.request_territory` of it), what to draw,
    and the former singular ``departement``."""

    departement: str | None = Field(
        default=None,
        pattern=DEPARTEMENT_INPUT_PATTERN,
        deprecated=True,
        description="Département code, e.g. 12 or 012 (added to `departements`).",
    )
    kind: list[ActorKind | PlatformKind] | None = Field(default=None, max_length=30)
    sector: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9-]{1,79}$",
        description="A filière of a campus (the places working in it), or a field of training "
        "(`nsf-` and its NSF group, e.g. nsf-251: the places offering a diploma of that group; "
        "with `level` or `modality`, on the same offer): the values of GET /gaps/sectors.",
    )
    level: int | None = Field(default=None, ge=3, le=8)
    modality: Modality | None = None
    around: str | None = Field(
        default=None,
        pattern=r"^(actor|platform):[A-Za-z0-9][A-Za-z0-9_.:-]{0,119}$",
        description="The place of the graph `radius_km` is centred on, instead of `near`: "
        "`actor:<id>` or `platform:<id>`; the notice names it by its name and commune "
        "(« Lycée La Découverte (Decazeville) »), never by its coordinates. 404 for an unknown "
        "place, 422 for one without a position.",
    )

    @model_validator(mode="after")
    def _coherent_territory(self) -> MapRequest:
        """The territory's checks (:class:`TerritoryRequest`), ``around`` standing for
        ``near`` beside ``radius_km``."""
        if self.around is not None:
            if self.near is not None:
                raise ValueError("« around » et « near » : donnez l'un ou l'autre, pas les deux")
            if self.radius_km is None:
                raise ValueError("« around » et « radius_km » vont ensemble : donnez les deux")
            check_fields(departements=self.departements, near=None, radius_km=None)
        else:
            check_fields(departements=self.departements, near=self.near, radius_km=self.radius_km)
        return self

    @field_validator("modality", mode="before")
    @classmethod
    def _modality_word(cls, value: Any) -> Any:
        """« alternance », « apprentissage », « scolaire »… read as the API's values."""
        return modality_value(value)

    @model_validator(mode="before")
    @classmethod
    def _one_departements_list(cls, data: Any) -> Any:
        """The former ``departement`` joins ``departements`` before they are checked (a wrong
        code is refused there, in the same words), so that the field itself stays unset.

        >>> MapRequest.model_validate({"departement": "81", "departements": "12"}).departements
        '12,81'
        """
        if isinstance(data, Mapping) and data.get("departement"):
            data = dict(data)
            one = str(data.pop("departement"))
            data["departements"] = ",".join(x for x in (data.get("departements"), one) if x)
        return data


def map_points(
    store: GraphStore,
    *,
    territory: Territory = ANYWHERE,
    kinds: set[str] | None = None,
    sector: str | None = None,
    level: int | None = None,
    modality: str | None = None,
) -> dict[str, Any]:
    """The collection, computed from the graph (see :func:`map_geojson_gzip` for the one the
    API serves, kept per graph version)."""
    return _map_points(store, territory, kinds, sector, level, modality)


def around_point(store: GraphStore, around: str) -> Point:
    """The centre of a map's radius given as a place of the graph (``actor:<id>``,
    ``platform:<id>``): its position, and for sentences its name and commune (:func:`place_label`),
    never its coordinates. :class:`NotFound` for an unknown place; :class:`InvalidRequest` for
    one the data gives no position."""
    kind, _, key = around.partition(":")
    rows = store.read("map_place", id=key, platform=kind == "platform")
    if not rows:
        raise NotFound(kind, key)
    r = rows[0]
    if r["lat"] is None or r["lon"] is None:
        raise InvalidRequest(
            f"« around » : les données ne donnent pas la position de « {r['name']} » ; "
            "aucun rayon ne peut être tracé autour."
        )
    return Point(lat=r["lat"], lon=r["lon"], label=place_label(r["name"], r["commune"]))


def place_label(name: str, commune: str | None) -> str:
    """How a sentence names a place a radius is centred on: its name, and its commune when
    the name does not already hold it.

    >>> place_label("Lycée La Découverte", "Decazeville")
    'Lycée La Découverte (Decazeville)'
    >>> place_label("Lycée Brequigny", None)
    'Lycée Brequigny'
    >>> place_label("CFA du bâtiment de Rennes", "Rennes")
    'CFA du bâtiment de Rennes'
    >>> place_label("Lycée polyvalent La Découverte (Decazeville)", "Decazeville")
    'Lycée polyvalent La Découverte (Decazeville)'
    """
    if not commune or commune.casefold() in name.casefold():
        return name
    return f"{name} ({commune})"


def map_geojson_gzip(
    store: GraphStore,
    *,
    territory: Territory = ANYWHERE,
    kinds: set[str] | None = None,
    sector: str | None = None,
    level: int | None = None,
    modality: str | None = None,
) -> bytes:
    """:func:`map_points` as JSON (as ``JSONResponse`` writes it), gzip-compressed, kept for
    the graph's version (:func:`graph.gaps.cache.cached_answer`): the whole country is 10 000
    points read in seconds, 4.7 MB of JSON whose writing and compressing took most of a
    second more at every visit; kept compressed, it weighs 0.4 MB. A write makes a new
    version, so a kept answer is never served after an edit."""
    key = (
        "map_geojson_gzip",
        territory.model_dump_json(),
        tuple(sorted(kinds)) if kinds else None,
        sector,
        level,
        modality,
    )

    def compute() -> bytes:
        fc = _map_points(store, territory, kinds, sector, level, modality)
        body = _gzip_json(fc)
        if len(fc["features"]) > LARGE_MAP:
            del fc
            release_free_memory()  # tens of MB freed at once: see graph/memory.py
        return body

    return cached_answer(store, key, compute)


def warm_map(store: GraphStore) -> None:
    """Compute and keep the map's first view (the whole country, no filter) for the graph's
    current version, so that the first visit after a start or a write finds it ready."""
    map_geojson_gzip(store)


def _gzip_json(fc: dict[str, Any]) -> bytes:
    """``fc`` as compact JSON (as Starlette's ``JSONResponse`` writes it: no ASCII escapes, no
    spaces), gzip-compressed feature by feature (no second copy of the whole text)."""
    gz = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # wbits 31: the gzip container
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    out: list[bytes] = []

    def write(text: str) -> None:
        if chunk := gz.compress(text.encode()):
            out.append(chunk)

    write("{")
    for i, (key, value) in enumerate(fc.items()):
        write(("," if i else "") + dumps(key) + ":")
        if key == "features":
            write("[")
            for j, feature in enumerate(value):
                write(("," if j else "") + dumps(feature))
            write("]")
        else:
            write(dumps(value))
    write("}")
    out.append(gz.flush())
    return b"".join(out)


def _map_points(
    store: GraphStore,
    territory: Territory,
    kinds: set[str] | None,
    sector: str | None,
    level: int | None,
    modality: str | None,
) -> dict[str, Any]:
    # an unknown filière is a 404, as /gaps and /pathways say, not an empty map; a field of
    # training (nsf-251) as /gaps reads it (graph/nsf.py)
    field = field_code(sector)
    if sector and (
        nsf_name(field) is None if field else not store.read("sector_exists", id=sector)
    ):
        raise unknown_sector(store, sector)
    # a radius: the places without coordinates in a département the circle reaches may be in
    # it; counted and said (never drawn), the others are outside (Territory.contains)
    circle = territory.near if territory.near and territory.radius_km else None
    reached = (
        communes.reference().departements_within(circle.lat, circle.lon, territory.radius_km or 0)
        if circle
        else frozenset()
    )
    features = []
    unplaced: dict[str, int] = {}
    unplaced_near: dict[str, int] = {}  # by département, with a radius
    for r in store.read("map_points", **territory.query_params()):
        placed = r["lat"] is not None and r["lon"] is not None
        if placed and not territory.contains(r, campuses=r["campuses"] or ()):
            continue
        if not placed and circle and departement_number(r["departement"] or "") not in reached:
            continue
        if kinds and r["kind"] not in kinds:
            continue
        sectors = sorted(s for s in r["sectors"] if s)
        levels = sorted(lv for lv in r["levels"] if lv is not None)
        modalities = sorted(m for m in r["modalities"] if m)
        if field is not None:
            if not any(_field_offer(k, field, level, modality) for k in r["field_offers"] if k):
                continue
        elif sector and sector not in sectors:
            continue
        if level is not None and level not in levels:
            continue
        if modality and modality not in modalities:
            continue
        if level is not None and modality and f"{level}:{modality}" not in r["level_modalities"]:
            continue  # the level and the modality of two different offers
        if not placed:
            unplaced[r["kind"]] = unplaced.get(r["kind"], 0) + 1
            if circle:
                unplaced_near[r["departement"]] = unplaced_near.get(r["departement"], 0) + 1
            continue
        features.append(
            {
                "type": "Feature",
                "id": f"{r['label'].lower()}:{r['id']}",
                "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                "properties": {
                    "feature": r["label"].lower(),
                    "id": r["id"],
                    "name": r["name"],
                    "kind": r["kind"],
                    "commune": r["commune"],
                    # the files give no commune: "coordinates", the commune whose centre is the
                    # nearest to the place's own position (« près de »); "centre", that one
                    # within 1 km of its centre (said as is, place_precision.py); "name", the
                    # one its name gives (graph/ingest/opendata/named_commune.py); else null
                    "commune_from": r.get("commune_from"),
                    # "address" | "commune" (only its commune's centre: approximate) | null
                    # (graph/place_precision.py)
                    "location_precision": location_precision(r.get("coords_precision")),
                    # Codes to join other datasets: UAI (Éducation nationale), SIRET, INSEE.
                    "uai": r.get("uai"),
                    "siret": r.get("siret"),
                    "insee": r.get("insee"),
                    "departement": insee_departement(r["departement"])
                    if r["departement"]
                    else None,
                    "campuses": r["campuses"] or [],
                    "sectors": sectors,
                    "levels": levels,
                    "modalities": modalities,
                    "offers": r["offers"],
                    "boarding_places": r["boarding_places"],
                },
            }
        )
    features.sort(key=lambda f: str(f["id"]))
    notices = [circle.note if circle else None, radius_unplaced_notice(territory, unplaced_near)]
    if modality:  # read once per view and graph version: the view is kept (map_geojson_gzip)
        described = described_kinds(store.read("pathway_offer_kinds"))
        notices.append(map_undescribed_notice(described, modality, level))
    return {
        "type": "FeatureCollection",
        "features": features,
        "unplaced": {"count": sum(unplaced.values()), "by_kind": dict(sorted(unplaced.items()))},
        # the commune a place read as several names was taken for; the places without
        # coordinates a radius may hold; a modality the imported files never describe for some
        # kinds of diploma (graph/pathways/undescribed.py): the places drawn are not all those
        # that may offer it
        "notice": " ".join(n for n in notices if n) or None,
    }


def _field_offer(key: str, field: str, level: int | None, modality: str | None) -> bool:
    """Whether an offer (map_points' ``field_offers``: « nsf:level:modality ») is of the
    field of training asked, at the level and in the modality asked if any.

    >>> _field_offer("227:5:apprenticeship", "227", 5, "apprenticeship")
    True
    >>> _field_offer("227:5:school", "227", None, "apprenticeship")
    False
    >>> _field_offer("227::", "227", 4, None)
    False
    """
    nsf, lv, mod = (key.split(":") + ["", ""])[:3]
    return (
        nsf == field
        and (level is None or lv == str(level))
        and (modality is None or mod == modality)
    )


def radius_unplaced_notice(territory: Territory, by_departement: Mapping[str, int]) -> str | None:
    """What a map of a radius says of the matching places without coordinates in the
    départements the circle reaches (French), or None: they are not drawn and may be inside.

    >>> t = Territory(near={"lat": 43.1, "lon": 5.9, "label": "Toulon"}, radius_km=15)
    >>> print(radius_unplaced_notice(t, {"083": 4}))
    Rayon de 15 km autour de Toulon : 4 lieux sans position dans les données, dans le département du Var (83), ne sont pas sur la carte et peuvent se trouver dans le rayon (à vérifier).
    >>> radius_unplaced_notice(t, {}) is None
    True
    """  # noqa: E501
    total = sum(by_departement.values())
    if not total or territory.near is None or territory.radius_km is None:
        return None
    where = territory.near.label or f"{territory.near.lat:.3f}, {territory.near.lon:.3f}"
    places = "1 lieu" if total == 1 else f"{total} lieux"
    in_deps = f"dans {departements_phrase(sorted(by_departement))}"
    verb = "n'est pas sur la carte et peut" if total == 1 else "ne sont pas sur la carte et peuvent"
    return (
        f"Rayon de {territory.radius_km:g} km autour {de_place(where)} : {places} sans position "
        f"dans les données, {in_deps}, {verb} se trouver dans le rayon (à vérifier)."
    )
