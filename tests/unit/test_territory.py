"""The territory (graph/territory.py) and the département code, without a database."""

from __future__ import annotations

import math

import pytest
from pydantic import TypeAdapter, ValidationError

from graph import communes
from graph.departements import departement_label, departement_name, region_label
from graph.errors import InvalidRequest, NotFound
from graph.fake_store import FakeStore
from graph.geo import EARTH_RADIUS_KM, haversine_km
from graph.models import Departement, departement_code
from graph.store import GraphStore
from graph.territory import (
    ANYWHERE,
    Point,
    Territory,
    check_fields,
    departements_error,
    parse_departements,
    resolve_place,
    resolve_territory,
    valid_departements,
    valid_place,
)

FIGEAC = Point(lat=44.6086, lon=2.0317, label="Figeac")


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("12", "012"), ("012", "012"), ("01", "001"), ("95", "095"), ("2A", "02A")]
    + [("02B", "02B"), ("971", "971"), ("976", "976"), ("978", "978"), ("988", "988")],
)
def test_departement_codes_people_write(raw: str, stored: str) -> None:
    assert departement_code(raw) == stored
    assert TypeAdapter(Departement).validate_python(stored) == stored


@pytest.mark.parametrize(
    "raw", ["1", "00", "20", "020", "96", "99", "979", "990", "0971", "2C", "Lot", "", "12 "]
)
def test_departement_codes_that_do_not_exist(raw: str) -> None:
    with pytest.raises(ValueError, match="not a département"):
        departement_code(raw)


@pytest.mark.parametrize("stored", ["12", "2A", "0971", "Lot"])
def test_the_stored_form_is_three_characters(stored: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Departement).validate_python(stored)


def test_departement_lists() -> None:
    assert parse_departements("46, 12,46") == ["012", "046"]
    assert parse_departements("2A,971") == ["02A", "971"]
    assert parse_departements(None) is None and parse_departements("") is None
    assert valid_departements("12,46") and valid_departements(" 2B , 974 ")
    assert not valid_departements("12;46")
    assert not valid_departements("99") and not valid_departements("12,20")
    assert not valid_departements(",")
    assert not valid_departements(",".join(["12"] * 21))


def test_places_and_field_checks() -> None:
    assert valid_place("46102") and valid_place("2A004") and valid_place("44.6, 2.03")
    assert valid_place("Figeac") and valid_place("Saint-Denis (93)") and valid_place("46100")
    assert not valid_place("4610") and not valid_place("Figeac; DROP") and not valid_place(" ")
    check_fields(departements="12,46", near="46102", radius_km=20)
    check_fields(departements=None, near=None, radius_km=None)
    with pytest.raises(ValueError, match="vont ensemble"):
        check_fields(departements=None, near="46102", radius_km=None)
    with pytest.raises(ValueError, match="séparés par des virgules"):
        check_fields(departements="Lot", near=None, radius_km=None)
    check_fields(departements=None, near="Figeac", radius_km=10)
    with pytest.raises(ValueError, match="code INSEE"):
        check_fields(departements=None, near="<Figeac>", radius_km=10)


def test_membership_by_departement_region_and_campus() -> None:
    offer = {"departement": "046", "region_code": "76", "campus": None, "lat": 44.6, "lon": 2.0}
    assert ANYWHERE.contains(offer)
    assert Territory(departements=["012", "046"]).contains(offer)
    assert not Territory(departements=["012"]).contains(offer)
    assert Territory(region="76").contains(offer)
    assert not Territory(region="84").contains(offer)
    # the campus: the offer's own campus, or one of its establishment's campuses
    assert not Territory(campus="c").contains(offer, campuses=["other"])
    assert Territory(campus="c").contains(offer, campuses=["other", "c"])
    assert Territory(campus="c").contains({**offer, "campus": "c"})
    # every criterion must hold
    assert not Territory(campus="c", departements=["012"]).contains(offer, campuses=["c"])


def test_membership_by_radius() -> None:
    t = Territory(near=FIGEAC, radius_km=20)
    capdenac = {"lat": 44.5597, "lon": 2.2506}  # 18.2 km from Figeac
    assert haversine_km(FIGEAC.lat, FIGEAC.lon, capdenac["lat"], capdenac["lon"]) < 20
    assert t.contains(capdenac)
    assert not Territory(near=FIGEAC, radius_km=18).contains(capdenac)
    assert not t.contains({"lat": None, "lon": None})  # unplaced: outside any radius
    assert not t.contains({})


def test_a_place_without_a_region_is_outside_a_region() -> None:
    actor = {"departement": "046", "lat": None, "lon": None}
    assert not Territory(region="76").contains(actor)
    assert Territory(region="76").contains({**actor, "region_code": "76"})
    assert not Territory(departements=["012"]).contains({**actor, "region_code": "76"})


def test_query_params() -> None:
    assert ANYWHERE.query_params() == {
        "restrict": False,
        "departements": None,
        "region": None,
        "campus": None,
        "min_lat": None,
        "max_lat": None,
        "min_lon": None,
        "max_lon": None,
    }
    p = Territory(departements=["046"], region="76", campus="c").query_params()
    assert p["restrict"] and p["departements"] == ["046"] and p["region"] == "76"
    assert p["campus"] == "c" and p["min_lat"] is None
    box = Territory(near=FIGEAC, radius_km=30).query_params()
    assert box["restrict"]
    assert box["min_lat"] < FIGEAC.lat < box["max_lat"]
    assert box["min_lon"] < FIGEAC.lon < box["max_lon"]
    # the box holds the whole circle: its edges are at least the radius away
    assert haversine_km(FIGEAC.lat, FIGEAC.lon, box["max_lat"], FIGEAC.lon) >= 30
    assert haversine_km(FIGEAC.lat, FIGEAC.lon, FIGEAC.lat, box["max_lon"]) >= 30


def test_describe_in_french() -> None:
    assert ANYWHERE.describe() == "tout le territoire" and not ANYWHERE.is_set
    t = Territory(
        campus="c", campus_name="CMQ C", departements=["012", "046"], near=FIGEAC, radius_km=25
    )
    assert t.describe() == (
        "CMQ C, les départements de l'Aveyron (12) et du Lot (46) et 25 km autour de Figeac"
    )
    assert t.is_set
    # a campus is never named by its identifier
    assert Territory(campus="c-id").describe() == "le campus choisi"


def test_describe_in_is_a_whole_phrase_clients_show_as_is() -> None:
    """The page added « dans » before a noun phrase, and not before a campus's name or a
    radius (« … vers le niveau 7, CMQ C »): the API says the whole phrase."""
    assert ANYWHERE.describe_in() == "sur tout le territoire"
    assert Territory(departements=["046"]).describe_in() == "dans le département du Lot (46)"
    assert Territory(campus="c", campus_name="CMQ C").describe_in() == (
        "dans le territoire du CMQ C"
    )
    assert Territory(campus="c-id").describe_in() == "dans le territoire du campus choisi"
    t = Territory(
        campus="c", campus_name="CMQ C", departements=["012", "046"], near=FIGEAC, radius_km=25
    )
    assert t.describe_in() == (
        "dans le territoire du CMQ C, les départements de l'Aveyron (12) et du Lot (46) "
        "et un rayon de 25 km autour de Figeac"
    )


# --- resolving against the graph, with the recording fake store ------------------------------


def test_resolving_reads_the_campus_once_and_places_communes_from_the_reference() -> None:
    store = FakeStore(
        {
            "campus_exists": lambda p: (
                [{"id": p["id"], "short_name": "CMQ C"}] if p["id"] == "c" else []
            )
        }
    )
    assert isinstance(store, GraphStore)
    figeac = communes.resolve("46102").place  # the commune reference (graph/communes.py)
    for near in ("46102", "Figeac", "figeac"):
        t = resolve_territory(
            store, campus="c", departements="46,12", region=None, near=near, radius_km=20
        )
        assert t.campus == "c" and t.campus_name == "CMQ C"
        assert t.departements == ["012", "046"]
        assert t.near == Point(lat=figeac.lat, lon=figeac.lon, label="Figeac")
        assert t.radius_km == 20
    assert [(c.name, c.params) for c in store.calls] == [("campus_exists", {"id": "c"})] * 3


def test_resolving_fails_with_graph_errors() -> None:
    store = FakeStore({"campus_exists": []})
    with pytest.raises(NotFound):
        resolve_territory(
            store, campus="x", departements=None, region=None, near=None, radius_km=None
        )
    with pytest.raises(InvalidRequest, match="Aucune commune ne correspond"):
        resolve_place(store, "99999", "home")
    with pytest.raises(InvalidRequest, match="désigne plusieurs communes") as exc:
        resolve_place(store, "Saint-Denis", "home")
    assert exc.value.field == "home"  # type: ignore[attr-defined]
    with pytest.raises(InvalidRequest, match="hors des limites"):
        resolve_place(store, "95.0,2.0", "near")
    assert resolve_place(store, "44.6,2.03", "near") == Point(lat=44.6, lon=2.03)
    assert store.names() == ["campus_exists"]  # places read no store


def test_membership_by_radius_is_the_great_circle_distance_near_the_edge() -> None:
    """The latitude test that spares most distances agrees with the distance itself, with
    places on the edge of the radius (same longitude, whose distance is the latitude's alone)
    and all around it."""
    import math
    import random

    from graph.geo import EARTH_RADIUS_KM

    rng = random.Random(11)
    for _ in range(200):
        centre = Point(lat=rng.uniform(41.0, 51.0), lon=rng.uniform(-5.0, 9.0))
        radius = rng.choice([0.5, 10.0, 40.0, 60.0, 150.0, rng.uniform(1, 500)])
        t = Territory(near=centre, radius_km=radius)
        edge = math.degrees(radius / EARTH_RADIUS_KM)
        lats = [centre.lat + s * edge * f for s in (-1, 1) for f in (1 - 1e-12, 1.0, 1 + 1e-12)]
        places = [(lat, centre.lon) for lat in lats]
        places += [
            (centre.lat + rng.uniform(-3, 3) * edge, centre.lon + rng.uniform(-3, 3) * edge)
            for _ in range(20)
        ]
        for lat, lon in places:
            expected = haversine_km(centre.lat, centre.lon, lat, lon) <= radius
            assert t.contains({"lat": lat, "lon": lon}) is expected


def test_the_box_near_a_radius_centre_is_within_the_radius() -> None:
    """inner_reach's box, which contains() takes as within without a distance: its corners,
    its edges and random places in it are within the radius, at every latitude and radius;
    and contains() agrees with the distance for places in, at and just beyond its corners."""
    import random

    from graph.geo import inner_reach, lon_gap

    rng = random.Random(3)
    tested = 0
    for _ in range(2000):
        lat0, lon0 = rng.uniform(-85.0, 85.0), rng.uniform(-180.0, 180.0)
        radius = rng.choice([0.1, 1.0, 25.0, 60.0, 300.0, 2500.0, rng.uniform(1, 8000)])
        dlat, dlon = inner_reach(lat0, radius)
        t = Territory(near=Point(lat=lat0, lon=lon0), radius_km=radius)
        for a, b in [(a, b) for a in (-1, 0, 1) for b in (-1, 0, 1)] + [
            (rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(10)
        ]:
            lat, lon = lat0 + a * dlat, lon0 + b * dlon
            lon = lon - 360.0 if lon > 180.0 else lon + 360.0 if lon < -180.0 else lon
            if abs(lat - lat0) <= dlat and lon_gap(lon, lon0) <= dlon:
                tested += 1
                assert haversine_km(lat0, lon0, lat, lon) <= radius, (lat0, lon0, radius, a, b)
            for f in (1.0, 1.000001, 1.5):
                far_lat, far_lon = lat0 + a * dlat * f, lon0 + b * dlon * f
                far_lon = far_lon - 360.0 if far_lon > 180.0 else far_lon
                far_lon = far_lon + 360.0 if far_lon < -180.0 else far_lon
                expected = haversine_km(lat0, lon0, far_lat, far_lon) <= radius
                assert t.contains({"lat": far_lat, "lon": far_lon}) is expected
    assert tested > 10_000  # the boxes were not empty


def test_departements_are_written_as_people_write_them() -> None:
    """By their names and numbers, « 06 » never « 6 » (« département 06 » named nothing);
    Corsica and overseas as they are; régions by their names."""
    assert Territory(departements=["006"]).describe() == ("le département des Alpes-Maritimes (06)")
    assert Territory(departements=["006", "008"]).describe() == (
        "les départements des Alpes-Maritimes (06) et des Ardennes (08)"
    )
    assert Territory(departements=["076", "02A", "974"]).describe() == (
        "les départements de la Seine-Maritime (76), de la Corse-du-Sud (2A) et de La Réunion (974)"
    )
    assert Territory(region="93").describe() == "la région Provence-Alpes-Côte d'Azur"
    assert Territory(departements=["046"]).describe_of() == "du département du Lot (46)"


def test_every_departement_and_region_has_its_name() -> None:
    """The table shipped in the package (INSEE COG) holds every code a request may give:
    the 96 metropolitan départements with 2A and 2B, the five DROM, the régions."""
    codes = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"]
    codes += ["971", "972", "973", "974", "976"]
    assert len(codes) == 101
    for c in codes:
        assert departement_name(c), c
        assert departement_label(c).endswith(f"({c})"), c
    assert departement_label("2B") == "Haute-Corse (2B)"
    assert departement_label("976") == "Mayotte (976)"
    for r in (
        "01",
        "02",
        "03",
        "04",
        "06",
        "11",
        "24",
        "27",
        "28",
        "32",
        "44",
        "52",
        "53",
        "75",
        "76",
        "84",
        "93",
        "94",
    ):
        assert not region_label(r).startswith("région"), r


def test_corsica_is_taken_as_people_type_it() -> None:
    """``departements=2a`` was refused (only ``2A``)."""
    assert departements_error("2a, 2b") is None
    assert parse_departements("2a,02b") == ["02A", "02B"]
    assert departements_error("20") is not None


def test_a_name_other_departements_share_always_says_its_departement() -> None:
    """« 300 km autour de Saint-Pierre » did not say which: a commune chosen by its code (as
    the web sends it) or named with its département was read as that one, and its name, that
    communes of the Jura, the Marne… bear too, was said alone."""
    store = FakeStore({})
    for near in ("insee:97416", "97416", "Saint-Pierre (974)"):
        t = Territory(near=resolve_place(store, near, "near"), radius_km=300)
        assert t.describe_in() == (
            "dans un rayon de 300 km autour de Saint-Pierre (La Réunion, 974)"
        ), near
    # a name no other commune bears stays alone
    assert resolve_place(store, "insee:46102", "near").label == "Figeac"  # type: ignore[union-attr]


def test_a_radius_holds_the_same_places_as_the_distance_alone() -> None:
    """Territory.contains skips the distance of places east or west of a radius
    (graph.geo.lon_reach): on places around the circle's edge, at every latitude France has
    (and near the antimeridian and a pole), it holds exactly those within the radius."""
    import random

    from graph.geo import lon_gap, lon_reach

    rng = random.Random(18)
    centres = [(44.6086, 2.0317), (50.95, 1.85), (-21.1, 55.5), (-22.27, 166.44)]
    centres += [(-13.3, -176.2), (16.25, -61.58), (78.0, 15.0), (88.9, 0.0)]
    for lat0, lon0 in centres:
        for km in (0.5, 10.0, 40.0, 60.0, 150.0, 3_000.0):
            t = Territory(near=Point(lat=lat0, lon=lon0), radius_km=km)
            reach = lon_reach(lat0, km)
            for _ in range(400):
                # a place near the edge: a bearing, a distance within 2 % of the radius
                bearing = rng.uniform(0.0, 2 * math.pi)
                ang = km * rng.uniform(0.98, 1.02) / EARTH_RADIUS_KM
                p1, l1 = math.radians(lat0), math.radians(lon0)
                p2 = math.asin(
                    math.sin(p1) * math.cos(ang) + math.cos(p1) * math.sin(ang) * math.cos(bearing)
                )
                l2 = l1 + math.atan2(
                    math.sin(bearing) * math.sin(ang) * math.cos(p1),
                    math.cos(ang) - math.sin(p1) * math.sin(p2),
                )
                lat, lon = math.degrees(p2), (math.degrees(l2) + 180.0) % 360.0 - 180.0
                within = haversine_km(lat0, lon0, lat, lon) <= km
                assert t.contains({"lat": lat, "lon": lon}) is within
                if within:
                    assert lon_gap(lon, lon0) <= reach
