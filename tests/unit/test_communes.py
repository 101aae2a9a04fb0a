"""graph/communes.py: search and resolution, pure (no database).

Two levels: a small reference made here (the rules, whatever the data), and the real reference
built by `make install` from the registry packages (the communes the issue names)."""

from __future__ import annotations

import json
import math
import random
from typing import Any

import pytest

from graph import communes
from graph.communes import (
    CommuneAmbiguous,
    CommuneNotFound,
    build_index,
    search_key,
)
from graph.geo import haversine_km

COLUMNS = [
    "code",
    "name",
    "kind",
    "parent",
    "postcodes",
    "departement",
    "region",
    "arrondissement",
    "population",
    "lat",
    "lon",
    "centre",
]


def _row(code: str, name: str, pop: int | None, dep: str, **kw: Any) -> list[Any]:
    return [
        code,
        name,
        kw.get("kind", "COM"),
        kw.get("parent", ""),
        kw.get("postcodes", []),
        dep,
        "76",
        "",
        pop,
        kw.get("lat", 44.0),
        kw.get("lon", 2.0),
        kw.get("centre", "mairie"),
    ]


@pytest.fixture(scope="module")
def small() -> communes.CommuneIndex:
    return build_index(
        {
            "columns": COLUMNS,
            "communes": [
                _row("46251", "Saint-Céré", 3429, "46", postcodes=["46400"]),
                _row("46055", "Capdenac", 1049, "46", postcodes=["46100"]),
                _row("12052", "Capdenac-Gare", 4440, "12", postcodes=["12700"]),
                _row("46102", "Figeac", 9800, "46", postcodes=["46100"]),
                _row("11339", "Saint-Denis", 523, "11"),
                _row("30247", "Saint-Denis", 296, "30"),
                _row("93066", "Saint-Denis", 149077, "93"),
                _row("97411", "Saint-Denis", 155634, "974"),
                _row("26362", "Valence", 64000, "26"),
                _row("82186", "Valence", 5000, "82"),
                _row("76351", "Le Havre", 166000, "76"),
                _row("84054", "L'Isle-sur-la-Sorgue", 19000, "84"),
                _row("01015", "Arboys en Bugey", 710, "01"),
                _row("01015", "Arbignieu", None, "01", kind="COMD", parent="01015", lat=45.7),
                _row("01340", "Saint-Bois", None, "01", kind="COMD", parent="01015", lat=45.8),
                _row("75056", "Paris", 2103778, "75", postcodes=["75015"]),
                _row("75115", "Paris 15e Arrondissement", 230000, "75", kind="ARM", parent="75056"),
                _row("15031", "Celles", 217, "15", centre="arrondissement"),
            ],
            "former_codes": {"46999": "46251"},
            "departements": {"46": ["Lot", "76"], "93": ["Seine-Saint-Denis", "11"]},
            "regions": {"76": "Occitanie"},
            "chefs_lieux": {
                "departements": {"46": "46102", "93": "93066", "974": "97411", "75": "75056"},
                "regions": {"11": "75056", "04": "97411"},
            },
        }
    )


def test_equal_values_of_the_reference_are_kept_once() -> None:
    # as read from the file: the JSON decoder makes a new string for every occurrence
    data = json.loads(
        json.dumps(
            {
                "columns": COLUMNS,
                "communes": [
                    _row("46055", "Capdenac", 1049, "46", postcodes=["46100"]),
                    _row("46102", "Figeac", 9800, "46", postcodes=["46100"]),
                ],
            }
        )
    )
    a, b = build_index(data).communes.values()
    assert (a.departement, a.postcodes, a.centre) == ("46", ("46100",), "mairie")
    assert a.departement is b.departement and a.region is b.region
    assert a.postcodes is b.postcodes and a.centre is b.centre


def test_prefectures_regional_first_then_by_departement(small: communes.CommuneIndex) -> None:
    got = [(p.commune.name, p.departement, p.regional) for p in small.prefectures()]
    assert got == [
        ("Paris", "75", True),
        ("Saint-Denis", "974", True),
        ("Figeac", "46", False),
        ("Saint-Denis", "93", False),
    ]
    assert [p.commune.code for p in small.prefectures(["46", "12"])] == ["46102"]
    assert build_index({"columns": COLUMNS, "communes": []}).prefectures() == []


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Saint-Céré", "st cere"),
        ("ST CERE", "st cere"),
        ("st-céré", "st cere"),
        ("L'Isle-sur-la-Sorgue", "l isle sur la sorgue"),
        ("L’Isle sur la Sorgue", "l isle sur la sorgue"),
        ("Sainte-Marie-aux-Mines", "ste marie aux mines"),
        ("  Œuilly ", "oeuilly"),
    ],
)
def test_search_key_folds_what_people_type_differently(typed: str, key: str) -> None:
    assert search_key(typed) == key


def test_prefix_and_ranking_by_population(small: communes.CommuneIndex) -> None:
    assert [c.code for c in small.search("capd")] == ["12052", "46055"]  # 4 440 before 1 049
    # an exact name comes before longer names, whatever their population
    assert [c.code for c in small.search("Capdenac")] == ["46055", "12052"]
    assert [c.code for c in small.search("saint denis")][:2] == ["97411", "93066"]
    assert [c.code for c in small.search("st cer")] == ["46251"]
    assert [c.code for c in small.search("havre")] == ["76351"]  # a word inside the name
    assert small.search("Saint-Denis (93)")[0].code == "93066"
    assert small.search("   ") == [] and small.search("zzz") == []


def test_search_by_postcode_and_code(small: communes.CommuneIndex) -> None:
    assert [c.code for c in small.search("46100")] == ["46102", "46055"]
    assert [c.code for c in small.search("461")] == ["46102", "46055"]
    assert [c.code for c in small.search("46251")] == ["46251"]


def test_a_commune_deleguee_repeating_its_parents_name_is_not_listed_twice(
    small: communes.CommuneIndex,
) -> None:
    # Arbignieu (01015) has another name than Arboys en Bugey: listed; a repeat would not be
    assert [c.name for c in small.search("arb")] == ["Arboys en Bugey", "Arbignieu"]


def test_resolve_codes(small: communes.CommuneIndex) -> None:
    r = small.resolve("46251")
    assert r.place is r.commune and r.commune.name == "Saint-Céré" and r.note is None
    former = small.resolve("46999")
    assert former.commune.code == "46251" and "ancienne commune" in (former.note or "")
    part = small.resolve("01340")  # a commune déléguée: its own centre, its commune's identity
    assert part.place.name == "Saint-Bois" and part.place.lat == 45.8
    assert part.commune.code == "01015" and "rattachée à Arboys en Bugey" in (part.note or "")
    arm = small.resolve("75115")
    assert arm.commune.code == "75056" and arm.place.kind == "arrondissement-municipal"


def test_resolve_names(small: communes.CommuneIndex) -> None:
    assert small.resolve("saint cere").commune.code == "46251"
    assert small.resolve("CAPDENAC").commune.code == "46055"  # exact beats Capdenac-Gare
    assert small.resolve("Valence").commune.code == "26362"  # 12 times the next Valence
    assert small.resolve("Saint-Denis (93)").commune.code == "93066"
    assert small.resolve("figea").commune.code == "46102"  # the only prefix match
    assert small.resolve("Arbignieu").commune.code == "01015"


def test_ambiguous_names_and_postcodes_list_the_candidates_in_french(
    small: communes.CommuneIndex,
) -> None:
    with pytest.raises(CommuneAmbiguous) as exc:
        small.resolve("Saint-Denis")
    assert [c.code for c in exc.value.candidates] == ["97411", "93066", "11339", "30247"]
    assert "désigne plusieurs communes" in exc.value.message
    # named as people write a town, not by its INSEE code (tester26: « Laval (Mayenne, 53130) »
    # read as a postcode); no postcode in this small reference: the département alone
    assert "Saint-Denis (Seine-Saint-Denis)" in exc.value.message
    assert "93066" not in exc.value.message
    with pytest.raises(CommuneAmbiguous):
        small.resolve("46100")  # Figeac and Capdenac: neither ten times the other
    with pytest.raises(CommuneAmbiguous):
        small.resolve("capd")  # Capdenac-Gare and Capdenac


@pytest.mark.parametrize("typed", ["Nullepart", "99999", "00000", "461", "Saint-Denis (12)", "-"])
def test_unknown_places_are_refused_in_french(small: communes.CommuneIndex, typed: str) -> None:
    with pytest.raises(CommuneNotFound) as exc:
        small.resolve(typed)
    assert exc.value.message.startswith("Aucune commune ne correspond")


def test_approximate_centres_are_flagged(small: communes.CommuneIndex) -> None:
    assert small.resolve("Celles").place.approximate
    assert not small.resolve("Figeac").place.approximate


# --- the real reference (built by `make install`) -------------------------------------------


@pytest.fixture(scope="module")
def ref() -> communes.CommuneIndex:
    return communes.reference()


def test_the_reference_holds_every_commune_with_a_centre(ref: communes.CommuneIndex) -> None:
    assert 34_000 < len(ref) < 36_000
    metro = [c for c in ref.communes.values() if len(c.departement) == 2]
    placed = [c for c in metro if c.lat is not None]
    assert len(placed) == len(metro)  # every commune of metropolitan France has a centre
    assert sum(c.approximate for c in metro) < 50
    for c in placed:
        assert 41.3 < c.lat < 51.2 and -5.2 < c.lon < 9.6, c  # type: ignore[operator]
    assert len(ref.former) > 1_000


@pytest.mark.parametrize(
    ("typed", "code", "name", "lat", "lon"),
    [
        ("75056", "75056", "Paris", 48.857, 2.343),
        ("Paris", "75056", "Paris", 48.857, 2.343),
        ("13055", "13055", "Marseille", 43.297, 5.370),
        ("marseille", "13055", "Marseille", 43.297, 5.370),
        ("Étretat", "76254", "Étretat", 49.707, 0.205),
        ("etretat", "76254", "Étretat", 49.707, 0.205),
        ("Yport", "76754", "Yport", 49.737, 0.314),
        ("Capdenac", "46055", "Capdenac", 44.58, 2.07),
        ("Saint-Céré", "46251", "Saint-Céré", 44.859, 1.893),
        ("st cere", "46251", "Saint-Céré", 44.859, 1.893),
        # a postcode of one arrondissement: Paris, at the 15e's town hall, not the city centre
        ("75015", "75056", "Paris", 48.842, 2.300),
        ("75011", "75056", "Paris", 48.859, 2.380),
        ("Ajaccio", "2A004", "Ajaccio", 41.93, 8.74),
    ],
)
def test_the_communes_people_asked_for(
    ref: communes.CommuneIndex, typed: str, code: str, name: str, lat: float, lon: float
) -> None:
    r = ref.resolve(typed)
    assert (r.commune.code, r.commune.name) == (code, name)
    assert r.place.lat == pytest.approx(lat, abs=0.03)
    assert r.place.lon == pytest.approx(lon, abs=0.03)


def test_a_merged_communes_old_code_resolves_to_the_current_one(
    ref: communes.CommuneIndex,
) -> None:
    # Cherbourg-Octeville (50129) merged into Cherbourg-en-Cotentin in 2016; its former
    # neighbours keep their codes as communes déléguées (Équeurdreville-Hainneville, 50173)
    r = ref.resolve("50173")
    assert r.commune.code == "50129" and r.commune.name == "Cherbourg-en-Cotentin"
    assert r.place.name == "Équeurdreville-Hainneville" and r.note
    # a former code that is no longer a commune déléguée either
    old, new = next((o, n) for o, n in sorted(ref.former.items()) if o not in ref.parts)
    r = ref.resolve(old)
    assert r.commune.code == new and "ancienne commune" in (r.note or "")


def test_a_five_digit_code_is_read_as_insee_first(ref: communes.CommuneIndex) -> None:
    # 76111 is Bois-l'Évêque's INSEE code and Yport's postcode: `home` keeps its INSEE
    # meaning; the search lists both, the INSEE match first
    assert ref.resolve("76111").commune.name == "Bois-l'Évêque"
    assert [c.name for c in ref.search("76111")][:2] == ["Bois-l'Évêque", "Yport"]
    # but a postcode before a former code: 75015 was a commune of the Seine before 1968
    assert ref.former["75015"] != "75056"
    assert ref.resolve("75015").commune.code == "75056"
    assert ref.resolve("75015").place.code == "75115"  # the arrondissement the postcode serves
    assert [c.code for c in ref.search("75015")] == ["75115", "75056", ref.former["75015"]]


@pytest.mark.parametrize(
    ("typed", "arrondissement", "insee_name"),
    [
        ("13008", "13208", "Aurons"),
        ("13001", "13201", "Aix-en-Provence"),
        ("69003", "69383", "Albigny-sur-Saône"),
        ("69009", "69389", None),
    ],
)
def test_a_marseille_or_lyon_postcode_is_the_arrondissement(
    ref: communes.CommuneIndex, typed: str, arrondissement: str, insee_name: str | None
) -> None:
    """`home=13008` was Aurons (INSEE 13008), not Marseille 8e: the postcode everyone writes
    names the arrondissement; the INSEE code's commune is said, with how to name it."""
    r = ref.resolve(typed)
    assert r.place.code == arrondissement and r.place.kind == "arrondissement-municipal"
    assert ref.search(typed)[0].code == arrondissement
    insee = ref.communes.get(typed)
    if insee_name is None:
        assert insee is None or insee.name != r.place.name
        return
    assert insee is not None and insee.name == insee_name
    assert r.ambiguous and r.note is not None
    assert r.note.startswith(f"{typed} est le code postal de {r.place.name} ; c'est aussi ")
    assert insee_name in r.note
    # the commune of that INSEE code is named by its name and département, which resolve to it
    said = ref.place_param(insee)
    assert said == f"{insee_name} ({insee.departement})" and f"« {said} »" in r.note
    assert ref.resolve(said).place.code == typed


def test_an_arrondissement_whose_insee_code_is_its_own_postcode_is_one_place(
    ref: communes.CommuneIndex,
) -> None:
    """75116 is Paris 16e's INSEE code and one of its postcodes: the same place both ways, no
    note, and naming it in a link is its code (it recursed without end: « arrondissement »
    in the commune search listed Paris 16e)."""
    r = ref.resolve("75116")
    assert r.place.code == "75116" and r.commune.code == "75056"
    by_code = ref.by_code("75116")
    assert by_code is not None and not r.ambiguous and r.note == by_code.note
    assert ref.place_param(r.place) == "75116"
    assert "75116" in [c.code for c in ref.search("arrondissement", 50)]
    assert all(ref.place_param(c) for c in ref.search("arrondissement", 50))


def test_a_code_that_is_an_insee_code_and_a_postcode_says_which_town_it_read(
    ref: communes.CommuneIndex,
) -> None:
    """06100 is Revest-les-Roches's INSEE code and Nice's postcode: read as the INSEE code (the
    code the commune list gives and links carry), and said so."""
    r = ref.resolve("06100")
    assert r.place.name == "Revest-les-Roches" and r.ambiguous
    assert r.note == (
        "06100 est lu comme le code INSEE de Revest-les-Roches (Alpes-Maritimes) ; c'est aussi "
        "le code postal de Nice : pour une autre commune, saisissez son nom."
    )
    assert ref.place_param(r.place) == "insee:06100"  # chosen from the list: no note
    plain = ref.resolve("46102")  # Figeac: its INSEE code names no other town
    assert plain.note is None and not plain.ambiguous


def test_search_on_the_reference(ref: communes.CommuneIndex) -> None:
    assert ref.search("paris")[0].code == "75056"
    assert ref.search("76790")[0].postcodes == ("76790",)
    assert "76254" in [c.code for c in ref.search("76790")]
    assert ref.search("saint cere")[0].code == "46251"
    first = ref.search("saint", 5)
    pops = [c.population or 0 for c in first]
    assert pops == sorted(pops, reverse=True) and len(first) == 5
    with pytest.raises(CommuneAmbiguous):
        ref.resolve("Saint-Denis")
    with pytest.raises(CommuneAmbiguous) as exc:
        ref.resolve("46400")  # Saint-Céré and nine villages around
    assert exc.value.candidates[0].name == "Saint-Céré"
    assert "Précisez le nom de la commune" in exc.value.message


def test_the_nearest_commune_to_a_point_of_a_departement(small: communes.CommuneIndex) -> None:
    # the small index puts every commune at (44.0, 2.0) unless told: Figeac and Capdenac (46)
    # and Capdenac-Gare (12) share it; 0.05° north is ~5.6 km away
    got = small.nearest(44.05, 2.0, departement="12")
    assert got is not None and got[0].name == "Capdenac-Gare" and 5.4 < got[1] < 5.8
    assert small.nearest(44.05, 2.0, departement="12", max_km=5) is None
    assert small.nearest(44.05, 2.0, departement="2A") is None
    assert small.nearest(46.0, 2.0) is None  # 220 km from any centre
    # an approximate centre (the arrondissement's) never names a point's commune
    here = small.nearest(44.0, 2.0)
    assert here is not None and here[0].name != "Celles"


def test_a_point_of_marseille_is_in_its_arrondissement(ref: communes.CommuneIndex) -> None:
    """Luminy is 10 km from Marseille's town hall, 2 km from the 9e's."""
    got = ref.nearest(43.2314, 5.44235, departement="13")
    assert got is not None and got[0].name == "Marseille 9e Arrondissement"
    got = ref.nearest(49.415, 1.08515, departement="76")  # the Lycée Marcel Sembat
    assert got is not None and got[0].name == "Sotteville-lès-Rouen" and got[1] < 1


def test_the_nearest_commune_is_the_nearest_of_all_centres(ref: communes.CommuneIndex) -> None:
    """nearest() searches 3 x 3 grid cells and skips centres further north or south than the
    best so far: the same answer as measuring every centre (600 points over France)."""
    rng = random.Random(18)
    centres = [
        c
        for c in (
            *ref.communes.values(),
            *(p for ps in ref.parts.values() for p in ps if p.kind == "arrondissement-municipal"),
        )
        if c.lat is not None and c.lon is not None and not c.approximate
    ]

    def every(lat: float, lon: float, dep: str | None) -> tuple[str, float] | None:
        found = [
            (haversine_km(lat, lon, c.lat, c.lon), c.code)  # type: ignore[arg-type]
            for c in centres
            if (dep is None or c.departement == dep)
            and abs(c.lat - lat) < 0.2  # type: ignore[operator]
            and abs(c.lon - lon) < 0.3  # type: ignore[operator]
        ]
        if not found:
            return None
        km, code = min(found)
        return (code, km) if km <= communes.NEAREST_KM else None

    for _ in range(300):
        lat, lon = rng.uniform(42.5, 51.0), rng.uniform(-4.5, 7.8)
        any_dep = every(lat, lon, None)
        assert (
            None if (got := ref.nearest(lat, lon)) is None else (got[0].code, got[1])
        ) == any_dep
        dep = rng.choice(["75", "13", "76", "12", "2A", "59"])
        if any_dep is not None:
            dep = ref.communes[any_dep[0]].departement if any_dep[0] in ref.communes else dep
        got = ref.nearest(lat, lon, departement=dep)
        assert (None if got is None else (got[0].code, got[1])) == every(lat, lon, dep)


def test_the_other_centre_is_the_nearest_other_of_all_centres(ref: communes.CommuneIndex) -> None:
    """other_centre_km() computes haversine_km inline and skips centres further north or
    south than the best so far: to the bit the distance measured to every other centre
    (not the commune found, its parent, nor its municipal arrondissements) when one is within
    NEAREST_KM (the cells searched cover that), over France and in Paris, Marseille, Lyon."""
    rng = random.Random(1319)
    centres = [
        c
        for c in (
            *ref.communes.values(),
            *(p for ps in ref.parts.values() for p in ps if p.kind == "arrondissement-municipal"),
        )
        if c.lat is not None and c.lon is not None and not c.approximate
    ]
    points = [(rng.uniform(42.5, 51.0), rng.uniform(-4.5, 7.8)) for _ in range(100)]
    for lat, lon, spread in ((48.86, 2.35, 0.05), (43.3, 5.4, 0.08), (45.76, 4.84, 0.05)):
        points += [
            (lat + rng.uniform(-spread, spread), lon + rng.uniform(-spread, spread))
            for _ in range(50)
        ]
    compared = 0
    for lat, lon in points:
        found = ref.nearest(lat, lon)
        if found is None:
            continue
        commune = found[0]
        near = [
            c
            for c in centres
            if abs(c.lat - lat) < 0.2 and abs(c.lon - lon) < 0.3  # type: ignore[operator]
        ]  # every centre within NEAREST_KM
        for dep in (None, commune.departement):
            others = [
                haversine_km(lat, lon, c.lat, c.lon)  # type: ignore[arg-type]
                for c in near
                if (dep is None or c.departement == dep)
                and c.code not in {commune.code, commune.parent}
                and c.parent != commune.code
            ]
            expected = min(others, default=None)
            got = ref.other_centre_km(lat, lon, commune, departement=dep)
            if expected is not None and expected <= communes.NEAREST_KM:
                assert got == expected, (lat, lon, dep)
                compared += 1
            else:
                assert got is None or got > communes.NEAREST_KM
    assert compared > 300


def test_a_circle_reaches_the_departements_of_every_exact_centre_within_it(
    ref: communes.CommuneIndex,
) -> None:
    """departements_within() reads departement_at()'s cells around the circle and the
    municipal arrondissements apart: the same départements as measuring every centre nearest()
    knows (the communes and arrondissements with an exact centre), for circles of 1-200 km over
    France, overseas and at sea; a circle around Luminy reaches Marseille by its 9e's town hall
    only (its own is 9 km away); a commune placed at its arrondissement's centre reaches
    nothing."""
    rng = random.Random(103)
    centres = [
        c
        for c in (
            *ref.communes.values(),
            *(p for ps in ref.parts.values() for p in ps if p.kind == "arrondissement-municipal"),
        )
        if c.lat is not None and c.lon is not None and not c.approximate
    ]

    def every(lat: float, lon: float, km: float) -> frozenset[str]:
        return frozenset(
            c.departement
            for c in centres
            if haversine_km(lat, lon, c.lat, c.lon) <= km  # type: ignore[arg-type]
        )

    circles = [
        (rng.uniform(42.0, 51.2), rng.uniform(-5.0, 8.5), rng.choice([1.0, 5.0, 10.0, 40.0, 60.0]))
        for _ in range(150)
    ]
    circles += [(rng.uniform(42.0, 51.2), rng.uniform(-5.0, 8.5), 200.0) for _ in range(10)]
    circles += [
        (c.lat + rng.uniform(-0.05, 0.05), c.lon + rng.uniform(-0.05, 0.05), rng.uniform(1, 30))  # type: ignore[operator]
        for c in rng.sample(centres, 60)
    ]
    circles += [(-21.1, 55.5, 30.0), (16.25, -61.58, 60.0), (4.9, -52.3, 100.0), (46.0, -5.0, 50.0)]
    for lat, lon, km in circles:
        assert ref.departements_within(lat, lon, km) == every(lat, lon, km), (lat, lon, km)
    luminy = (43.2314, 5.44235, 5.0)  # the 9e's town hall 4.6 km away, Cassis's 8.1 km
    assert every(*luminy) == {"13"} and ref.departements_within(*luminy) == {"13"}
    # four communes of Cantal placed at their arrondissement's centre only: not measured
    approximate = (45.08174, 2.99485, 1.0)
    assert ref.departements_within(*approximate) == every(*approximate) == frozenset()


def _departement_by_every_centre(ref: communes.CommuneIndex, lat: float, lon: float) -> str | None:
    """departement_at() as it was: every commune's centre measured, the first of the
    reference's order on a tie."""
    k = math.cos(math.radians(lat))
    best: tuple[float, str] | None = None
    for c in ref.communes.values():
        if c.lat is None or c.lon is None:
            continue
        d = (c.lat - lat) ** 2 + ((c.lon - lon) * k) ** 2
        if best is None or d < best[0]:
            best = (d, c.departement)
    return best[1] if best else None


def test_the_departement_of_a_place_is_that_of_the_nearest_of_all_centres(
    ref: communes.CommuneIndex,
) -> None:
    """departement_at() looks at the grid cells around the place, ring by ring: the same
    answer as measuring every centre (a scan of 7-8 ms per new home), on random places over
    France, on the centres themselves, beside them, overseas and far from any commune."""
    rng = random.Random(95)
    centres = [c for c in ref.communes.values() if c.lat is not None and c.lon is not None]
    places = [(rng.uniform(41.0, 51.5), rng.uniform(-5.5, 9.8)) for _ in range(300)]
    places += [(c.lat, c.lon) for c in rng.sample(centres, 100)]  # type: ignore[misc]
    places += [
        (c.lat + rng.uniform(-0.02, 0.02), c.lon + rng.uniform(-0.02, 0.02))  # type: ignore[operator]
        for c in rng.sample(centres, 100)
    ]
    places += [(rng.uniform(-60.0, 70.0), rng.uniform(-180.0, 180.0)) for _ in range(40)]
    places += [(-21.1, 55.5), (16.25, -61.58), (4.9, -52.3), (-17.5, -149.5), (46.78, -56.17)]
    places += [(-12.78, 45.23), (89.9, 0.0), (0.0, 0.0), (43.5, 16.0)]
    for lat, lon in places:
        ref._near.clear()
        assert ref.departement_at(lat, lon) == _departement_by_every_centre(ref, lat, lon), (
            lat,
            lon,
        )


def test_two_centres_at_the_same_distance_give_the_first_communes_departement() -> None:
    """A tie between cells is settled as the scan of every centre settled it: the first
    commune of the reference (the cells alone would not know which)."""
    rows = [
        _row("12001", "Ouest", 10, "12", lat=44.0, lon=1.9),  # in the cell west of the point
        _row("46001", "Est", 10, "46", lat=44.0, lon=2.1),
        _row("46002", "Loin", 10, "46", lat=45.0, lon=2.0),
    ]
    for order in (rows, rows[::-1]):
        index = build_index({"columns": COLUMNS, "communes": order})
        # 2.0 is a cell's edge: the two centres lie in two cells, at the same distance
        assert index.departement_at(44.0, 2.0) == _departement_by_every_centre(index, 44.0, 2.0)
        assert index.departement_at(44.0, 2.0) == order[0][5]


def test_a_dominant_homonym_is_read_but_named_by_its_departement() -> None:
    """« clermont » was read as the Oise's Clermont (4 communes bear the name) and said
    « 30 km autour de Clermont », while « Saint-Denis » is refused: the name read is now said
    with its département, with the others, and the picker puts Clermont-Ferrand first."""
    index = build_index(
        {
            "columns": COLUMNS,
            "communes": [
                _row("60157", "Clermont", 10_500, "60"),
                _row("74075", "Clermont", 500, "74"),
                _row("09096", "Clermont", 120, "09"),
                _row("40081", "Clermont", 800, "40"),
                _row("63113", "Clermont-Ferrand", 147_000, "63"),
                _row("60158", "Clermont-les-Fermes", 200, "60"),
            ],
            "former_codes": {},
            "departements": {"60": ["Oise", "32"], "74": ["Haute-Savoie", "84"]},
            "regions": {},
            "chefs_lieux": {"departements": {}, "regions": {}},
        }
    )
    res = index.resolve("clermont")
    assert res.commune.code == "60157" and res.ambiguous
    assert res.note is not None and "Clermont (Oise, 60)" in res.note, res.note
    assert "3 autres communes répondent à ce nom" in res.note, res.note
    names = [c.code for c in index.search("clermont")]
    assert names[0] == "63113" and names[1:5] == ["60157", "40081", "74075", "09096"], names
    # one name only: no note
    assert index.resolve("Clermont-Ferrand").note is None


def test_the_territory_label_names_the_departement_of_a_homonym() -> None:
    """On the real reference: « near=clermont » is said « Clermont (Oise, 60) »."""
    from graph.territory import resolve_place

    point = resolve_place(None, "clermont", "near")  # type: ignore[arg-type]
    assert point is not None and point.label == "Clermont (Oise, 60)", point
    assert point.note and "autres communes répondent à ce nom" in point.note
    valence = resolve_place(None, "Valence", "near")  # type: ignore[arg-type]
    assert valence is not None and valence.label is not None and "(Drôme, 26)" in valence.label


def test_a_populous_commune_one_letter_away_is_among_the_choices(
    ref: communes.CommuneIndex,
) -> None:
    """« Mez » listed ten small communes whose name starts so (Mèze, Mézin…), never Metz."""
    with pytest.raises(CommuneAmbiguous) as exc:
        ref.resolve("Mez")
    names = [c.name for c in exc.value.candidates]
    assert names[0] == "Metz" and "Mèze" in names and len(names) == communes.DOMINANCE
    assert [c.code for c in ref.close_spelled("Mez (57)")] == ["57463"]
    assert ref.close_spelled("Mez (34)") == []


def test_a_commune_chosen_from_the_list_is_named_without_the_postcode_note(
    ref: communes.CommuneIndex,
) -> None:
    """63113 is Clermont-Ferrand's INSEE code and Picherande's postcode: a code typed by hand
    keeps the note, the commune chosen from the list (its `place`) is read without it."""
    typed = ref.resolve("63113")
    assert typed.place.name == "Clermont-Ferrand" and typed.ambiguous and typed.note
    said = ref.place_param(typed.place)
    assert said == "insee:63113"
    chosen = ref.resolve(said)
    assert chosen.place.code == "63113" and not chosen.ambiguous and chosen.note is None
    assert ref.place_param(ref.communes["97410"]) == "insee:97410"  # Saint-Pierre's postcode
    assert not ref.resolve("INSEE:97410").ambiguous
    assert ref.place_param(ref.communes["46102"]) == "46102"  # no other town: the bare code
    with pytest.raises(communes.CommuneCodeUnknown):
        ref.resolve("insee:99999")


def test_the_territory_settles_a_name_several_communes_share(ref: communes.CommuneIndex) -> None:
    """`home=Saint-Denis` with the 93 stayed ambiguous: only one Saint-Denis is in the 93."""
    with pytest.raises(communes.CommuneAmbiguous):
        ref.resolve("Saint-Denis")
    r = ref.resolve_within("Saint-Denis", ["093"])
    assert (r.place.code, r.ambiguous) == ("93066", True)
    assert r.note is not None and r.note.startswith(
        "« Saint-Denis » est lu comme Saint-Denis (Seine-Saint-Denis, 93), la seule des "
        "communes de ce nom dans le territoire choisi ; "
    )
    assert ref.resolve_within("Saint-Denis", ["974"]).place.code == "97411"
    with pytest.raises(communes.CommuneAmbiguous):  # none of them in the Lot
        ref.resolve_within("Saint-Denis", ["046"])
    assert ref.resolve_within("46102", ["093"]).note is None  # settled already: unchanged


def test_the_territory_settles_a_name_its_most_populous_commune_would_take(
    ref: communes.CommuneIndex,
) -> None:
    """tester24: `home=Saint-Pierre` with the territory of the 972 read Saint-Pierre of La
    Réunion (ten times more populous), 13 290 km away, not Saint-Pierre of Martinique."""
    assert ref.resolve("Saint-Pierre").place.code == "97416"
    r = ref.resolve_within("Saint-Pierre", ["972"])
    assert (r.place.code, r.ambiguous) == ("97225", True)
    assert r.note is not None and r.note.startswith(
        "« Saint-Pierre » est lu comme Saint-Pierre (Martinique, 972), la seule des communes "
        "de ce nom dans le territoire choisi ; "
    )
    assert ref.resolve_within("Saint-Pierre", ["974"]).place.code == "97416"
    # a département typed with the name is the user's choice, whatever the territory
    assert ref.resolve_within("Saint-Pierre (974)", ["972"]).place.code == "97416"


def test_a_departement_name_is_said_to_be_one(ref: communes.CommuneIndex) -> None:
    """`q=seine-saint-denis` suggested Selles-Saint-Denis: it is a département."""
    with pytest.raises(communes.CommuneNotFound) as exc:
        ref.resolve("seine-saint-denis")
    assert exc.value.message == (
        "Seine-Saint-Denis est un département (93) : choisissez-le comme territoire, ou "
        "saisissez le nom d'une de ses communes."
    )
    assert exc.value.near == []
    assert ref.resolve("Paris").place.code == "75056"  # a commune of that name comes first


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("88160", "Épinal"),  # the CFA list writes « Epinal »
        ("75105", "Paris 5e Arrondissement"),  # a municipal arrondissement: its own
        ("50173", "Équeurdreville-Hainneville"),  # a commune déléguée: its own
        ("01003", None),  # a former code: the file's name of the former commune says where
        ("99999", None),
    ],
)
def test_a_code_s_official_name(ref: communes.CommuneIndex, code: str, name: str | None) -> None:
    assert communes.official_name(code) == name


@pytest.mark.parametrize(
    ("code", "given", "shown"),
    [
        ("88160", "Epinal", "Épinal"),  # the CFA list's spelling of the same name
        ("88160", "EPINAL", "Épinal"),
        ("88160", None, "Épinal"),
        ("09121", "Ferrières-sur-Ariege", "Ferrières-sur-Ariège"),
        # the Annuaire's « Onet-le-Château » under Rodez's code (12202): another place's name,
        # the file's word kept, not guessed
        ("12202", "Onet-le-Château", "Onet-le-Château"),
        # a municipal arrondissement the ESR list names without « Arrondissement »: the
        # reference's name, one form wherever it is read (« Paris 5e » was kept before)
        ("75105", "Paris 5e", "Paris 5e Arrondissement"),
        ("69387", "Lyon 7e", "Lyon 7e Arrondissement"),
        ("13213", "Marseille 13e", "Marseille 13e Arrondissement"),
        ("75101", "Paris 1er", "Paris 1er Arrondissement"),
        ("75105", "Paris", "Paris"),  # the city, not its arrondissement: the file's word
        ("01003", "Amareins", "Amareins"),  # a former code: as the file names it
    ],
)
def test_a_file_s_label_is_spelt_as_the_reference_when_it_is_the_same_name(
    ref: communes.CommuneIndex, code: str, given: str | None, shown: str
) -> None:
    assert communes.spelt_as_reference(code, given) == shown


def test_a_label_names_the_postcode_and_reads_back(small: communes.CommuneIndex) -> None:
    """A commune's label gives its postcode (one only), never its INSEE code, and a label the
    API gave, pasted back, names that commune (tester26)."""
    cere = small.resolve("46251").commune
    assert cere.display == "Saint-Céré (Lot, 46400)"
    assert small.resolve("Saint-Céré (Lot, 46400)").commune.code == "46251"
    assert small.resolve("Saint-Céré (Lot)").commune.code == "46251"
    assert small.resolve("Saint-Denis (Seine-Saint-Denis)").commune.code == "93066"
    with pytest.raises(CommuneNotFound):
        small.resolve("Saint-Céré (Aveyron, 12700)")
