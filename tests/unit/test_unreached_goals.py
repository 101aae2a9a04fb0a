"""The selection rule of the partial-answer notice (graph.pathways.unreached_goals): which goal
diplomas the territory offers, which of them no pathway reaches, and how they are said."""

from __future__ import annotations

from typing import Any

from graph.geo import haversine_km
from graph.pathways.unreached_goals import (
    EXAMPLES,
    current_places,
    examples,
    goal_offered,
    unreached_goals,
    unreached_goals_sentence,
    where_candidates,
    where_index,
    within_cells,
    within_radius,
)
from graph.territory import Point, Territory

NANTES = {"departement": "044", "region_code": "52", "lat": 47.22, "lon": -1.55, "status": "open"}
LA_ROCHE = {"departement": "085", "region_code": "52", "lat": 46.67, "lon": -1.43}
T44 = Territory(departements=["044"])

Row = dict[str, Any]
Rows = dict[str, list[tuple[Row, Row, int | None]]]


def offered(
    diplomas: dict[str, Row], usable: dict[str, Any], t: Territory, mod: str | None = None
) -> list[str]:
    """:func:`goal_offered` as the pathway cache calls it, and checked against the offers one by
    one (:meth:`Territory.contains`), which it must agree with."""
    places = {c: current_places(r) for c, r in usable.items()}
    got = sorted(goal_offered(diplomas, places, usable.__getitem__, t, mod))
    # the same looked for among the diplomas the index files under the territory's places
    candidates = where_candidates(where_index(places), t)
    indexed = goal_offered(
        diplomas, {c: places[c] for c in candidates}, usable.__getitem__, t, mod, filed=candidates
    )
    assert sorted(indexed) == got
    # and with the codes filed under cells wholly within a radius taken as within, unmeasured
    index = where_index(places)
    within = within_radius(index, t, ())
    skipped = goal_offered(
        diplomas,
        {c: places[c] for c in candidates},
        usable.__getitem__,
        t,
        mod,
        filed=candidates,
        within=within,
    )
    assert sorted(skipped) == got
    slow = sorted(
        c
        for c, rows in usable.items()
        if c in diplomas
        and not diplomas[c].get("closed")
        and "COMMUNE" not in diplomas[c]["name"]
        and any(
            seen is None
            and o.get("status") != "closed"
            and (mod is None or o.get("modality") == mod)
            and t.contains(o, campuses=a.get("campuses"))
            for a, o, seen in rows
        )
    )
    assert got == slow
    return got


def _d(code: str, name: str, nsf: str | None = None, **more: Any) -> Row:
    return {"code": code, "name": name, "type": "bts", "level": 5, "nsf": nsf, **more}


def test_offered_means_a_current_open_offer_in_the_territory() -> None:
    diplomas = {
        "here": _d("here", "BTS CRSA", "201"),
        "there": _d("there", "BTS MS option B", "250"),
        "stale": _d("stale", "BTS électrotechnique", "255"),
        "shut": _d("shut", "BTS fermé", "255"),
        "closed": _d("closed", "BTS ancien", "255", closed=True),
        "common": _d("common", "TRAITEMENT DES MATERIAUX BTS 1ERE ANNEE COMMUNE", "200"),
    }
    usable = {
        "here": [({}, LA_ROCHE, None), ({}, NANTES, None)],
        "there": [({}, LA_ROCHE, None)],
        "stale": [({}, NANTES, 2021)],  # the latest files no longer list it
        "shut": [({}, {**NANTES, "status": "closed"}, None)],
        "closed": [({}, NANTES, None)],
        "common": [({}, NANTES, None)],
        "unknown": [({}, NANTES, None)],  # no diploma row: never said
    }
    assert offered(diplomas, usable, T44) == ["here"]
    assert offered(diplomas, usable, Territory(region="52")) == ["here", "there"]
    radius = Territory(near=Point(lat=47.2, lon=-1.5, label="Nantes"), radius_km=20)
    assert offered(diplomas, usable, radius) == ["here"]


def test_a_modality_counts_only_its_offers() -> None:
    diplomas = {"a": _d("a", "BTS A"), "b": _d("b", "BTS B")}
    usable: dict[str, Any] = {
        "a": [({}, {**NANTES, "modality": "apprentissage"}, None)],
        "b": [({}, {**NANTES, "modality": "scolaire"}, None)],
    }
    assert offered(diplomas, usable, T44, "apprentissage") == ["a"]
    assert offered(diplomas, usable, T44) == ["a", "b"]


def test_a_campus_territory_counts_its_establishments_offers() -> None:
    diplomas = {"a": _d("a", "BTS A")}
    usable = {"a": [({"campuses": ["cmq-x"]}, NANTES, None)]}
    assert offered(diplomas, usable, Territory(campus="cmq-x")) == ["a"]
    assert offered(diplomas, usable, Territory(campus="cmq-y")) == []


def test_combined_conditions_hold_for_one_offer() -> None:
    """A campus and a département: the campus's offer in another département does not make the
    diploma offered in the territory (each condition met by a different offer)."""
    diplomas = {"a": _d("a", "BTS A")}
    usable: Rows = {
        "a": [({"campuses": ["cmq-x"]}, LA_ROCHE, None), ({}, NANTES, None)],
    }
    both = Territory(campus="cmq-x", departements=["044"])
    assert offered(diplomas, usable, both) == []
    usable["a"].append(({"campuses": ["cmq-x"]}, NANTES, None))
    assert offered(diplomas, usable, both) == ["a"]


def test_random_worlds_agree_with_the_offers_one_by_one() -> None:
    """The summary per diploma (CurrentPlaces) and the offers looked at one by one find the
    same diplomas, over random offers and territories."""
    import random

    rnd = random.Random(5)
    deps = ["044", "085", "049", "035"]
    regions = {"044": "52", "085": "52", "049": "52", "035": "53"}
    for _ in range(600):
        diplomas = {str(i): _d(str(i), f"BTS {i}", closed=rnd.random() < 0.1) for i in range(6)}
        usable: Rows = {}
        for code in diplomas:
            usable[code] = []
            for _ in range(rnd.randint(0, 4)):
                dep = rnd.choice(deps)
                o = {
                    "departement": dep,
                    "region_code": regions[dep],
                    "lat": 47.0 + rnd.uniform(-1.5, 1.5),
                    "lon": -1.5 + rnd.uniform(-1.5, 1.5),
                    "modality": rnd.choice(["scolaire", "apprentissage"]),
                    "status": rnd.choice(["open", "open", "closed"]),
                    "campus": rnd.choice([None, "cmq-x"]),
                }
                a = {"campuses": rnd.choice([[], ["cmq-x"], ["cmq-y"]])}
                usable[code].append((a, o, rnd.choice([None, None, 2021])))
        t = rnd.choice(
            [
                Territory(departements=rnd.sample(deps, 2)),
                Territory(region=rnd.choice(["52", "53"])),
                Territory(campus="cmq-x"),
                Territory(campus="cmq-x", departements=["044"]),
                Territory(region="52", departements=["044", "035"]),
                Territory(near=Point(lat=47.0, lon=-1.5, label="x"), radius_km=60),
                Territory(
                    near=Point(lat=rnd.uniform(45, 49), lon=rnd.uniform(-3.5, 0.5), label="x"),
                    radius_km=rnd.choice([5, 20, 80]),
                ),
                Territory(near=Point(lat=47.0, lon=-1.5, label="x"), radius_km=60, region="52"),
            ]
        )
        offered(diplomas, usable, t, rnd.choice([None, "scolaire", "apprentissage"]))


def test_a_cell_said_within_a_radius_is_within_it_everywhere() -> None:
    """Every point of a cell :func:`within_cells` gives (its corners, its edges' middles, random
    points) is within the radius; a radius smaller than a cell's half-diagonal has none, and a
    large one around a cell's centre has that cell."""
    import random

    rnd = random.Random(7)
    seen = 0
    for _ in range(300):
        lat0, lon0 = rnd.uniform(-60, 70), rnd.uniform(-179, 179)
        radius = rnd.choice([30, 45, 60, 100, 250, 900])
        t = Territory(near=Point(lat=lat0, lon=lon0, label="x"), radius_km=radius)
        for _, i, j in within_cells(t):
            seen += 1
            lats = [i * 0.5, (i + 0.5) * 0.5, (i + 1) * 0.5]
            lons = [j * 0.5, (j + 0.5) * 0.5, (j + 1) * 0.5]
            lats += [rnd.uniform(i * 0.5, (i + 1) * 0.5) for _ in range(5)]
            lons += [rnd.uniform(j * 0.5, (j + 1) * 0.5) for _ in range(5)]
            for lat in lats:
                for lon in lons:
                    assert haversine_km(lat0, lon0, lat, lon) <= radius, (lat0, lon0, radius)
    assert seen > 100  # the test looked at cells
    assert within_cells(Territory(near=Point(lat=45.25, lon=4.75, label="x"), radius_km=20)) == []
    got = within_cells(Territory(near=Point(lat=45.25, lon=4.75, label="x"), radius_km=40))
    assert got == [("g", 90, 9)]
    # beyond WITHIN_MAX_KM, none (the corners' rule is only shown up to it)
    assert within_cells(Territory(near=Point(lat=45.25, lon=4.75, label="x"), radius_km=2000)) == []


def test_within_radius_leaves_out_the_codes_an_edit_touched() -> None:
    here = {"departement": "069", "lat": 45.2, "lon": 4.8, "status": "open"}
    far = {"departement": "069", "lat": 45.9, "lon": 4.8, "status": "open"}
    places = {
        "1": current_places([({}, here, None)]),
        "2": current_places([({}, far, None)]),
        "3": current_places([({}, here, None)]),
    }
    t = Territory(near=Point(lat=45.25, lon=4.75, label="x"), radius_km=60)
    assert within_radius(where_index(places), t, frozenset({"3"})) == {"1"}


OFFERED = {
    "elec": _d("elec", "BTS électrotechnique", "255"),
    "crsa": _d("crsa", "BTS conception et réalisation de systèmes automatiques", "201"),
    "msb": _d("msb", "BTS maintenance des systèmes option B", "250"),
    "meca": _d("meca", "BTS conception des produits industriels", "251"),
    "mco": _d("mco", "BTS management commercial opérationnel", "312"),
}


def test_the_start_field_chooses_and_orders_them() -> None:
    """After a Bac pro in electricity (255): the pluri-technological groups of its domain (250)
    and of production (201) count, mechanics (251) and commerce (312) do not."""
    left = unreached_goals(OFFERED, {"melec", "elec"}, start_nsf="255")
    assert [d["code"] for d in left] == ["msb", "crsa"]
    assert unreached_goals(OFFERED, {"elec", "crsa", "msb"}, start_nsf="255") == []


def test_without_a_field_every_unreached_goal_counts() -> None:
    """A level start or a job goal: no NSF filter."""
    left = unreached_goals(OFFERED, {"elec"}, start_nsf=None)
    assert {d["code"] for d in left} == {"crsa", "msb", "meca", "mco"}


def test_a_programme_reached_under_another_code_is_not_said_unreached() -> None:
    offered = {
        "P1": {"code": "P1", "name": "BTS – Production – Etude et realisation d'agencement"},
        "P2": {"code": "P2", "name": "BTS – Services – Tourisme"},
        "B2": {"code": "B2", "name": "BTS tourisme"},
    }
    bcn = {"code": "B1", "name": "BTS étude et réalisation d'agencement"}
    left = unreached_goals(offered, {"B1"}, reached_rows=[bcn], start_nsf=None)
    assert len(left) == 1  # one programme under two codes: once; the agencement reached
    assert "ourisme" in left[0]["name"]


def test_the_sentence_counts_names_a_few_and_says_to_check() -> None:
    left = unreached_goals(OFFERED, {"elec"}, start_nsf=None)
    s = unreached_goals_sentence(
        left,
        goal="BTS",
        territory_phrase="dans le département de la Loire-Atlantique (44)",
        field=None,
        from_diploma=True,
    )
    assert s is not None
    assert s.startswith("4 autres diplômes de l'objectif (BTS) sont proposés dans le départ")
    assert "sans passerelle connue depuis ce diplôme" in s
    assert s.endswith("(et 1 autre). À vérifier auprès des établissements.")
    names = examples(left)
    assert len(names) == EXAMPLES and all(n in s for n in names)
    assert not any(code in s for code in OFFERED)  # no internal id


def test_the_sentence_names_the_start_field_and_nothing_when_none_is_left() -> None:
    left = unreached_goals(OFFERED, {"elec"}, start_nsf="255")
    s = unreached_goals_sentence(
        left,
        goal="BTS",
        territory_phrase="ici",
        field="Électricité, électronique",
        from_diploma=True,
    )
    assert s is not None and s.startswith(
        "2 autres diplômes de l'objectif (BTS), du même domaine que le diplôme de départ "
        "(Électricité, électronique), sont proposés ici"
    )
    assert "management commercial" not in s
    none = unreached_goals_sentence(
        [], goal="BTS", territory_phrase="ici", field=None, from_diploma=True
    )
    assert none is None


def test_the_production_groups_are_the_field_of_industrial_starts_only() -> None:
    """Bac pro cuisine (221) → BTS in the Lot and Aveyron named the BTS conception des produits
    industriels (200) and CRSA (201): not its field. A Bac pro in mechanics (251) keeps them."""
    offered = {
        "cpi": _d("cpi", "BTS conception des produits industriels", "200"),
        "crsa": _d("crsa", "BTS CRSA", "201"),
        "mhr": _d("mhr", "BTS management en hôtellerie-restauration", "221"),
    }
    assert [d["code"] for d in unreached_goals(offered, set(), start_nsf="221")] == ["mhr"]
    assert {d["code"] for d in unreached_goals(offered, set(), start_nsf="251")} == {"cpi", "crsa"}
