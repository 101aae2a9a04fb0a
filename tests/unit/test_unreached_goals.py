"""The selection rule of the partial-answer notice (graph.pathways.unreached_goals): which goal
diplomas the territory offers, which of them no pathway reaches, and how they are said."""

from __future__ import annotations

from typing import Any

from graph.pathways.unreached_goals import (
    EXAMPLES,
    examples,
    goal_offered,
    unreached_goals,
    unreached_goals_sentence,
)
from graph.territory import Point, Territory

NANTES = {"departement": "044", "region_code": "52", "lat": 47.22, "lon": -1.55, "status": "open"}
LA_ROCHE = {"departement": "085", "region_code": "52", "lat": 46.67, "lon": -1.43}
T44 = Territory(departements=["044"])

Row = dict[str, Any]


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
    assert list(goal_offered(diplomas, usable, T44)) == ["here"]
    assert sorted(goal_offered(diplomas, usable, Territory(region="52"))) == ["here", "there"]
    radius = Territory(near=Point(lat=47.2, lon=-1.5, label="Nantes"), radius_km=20)
    assert list(goal_offered(diplomas, usable, radius)) == ["here"]


def test_a_modality_counts_only_its_offers() -> None:
    diplomas = {"a": _d("a", "BTS A"), "b": _d("b", "BTS B")}
    usable = {
        "a": [({}, {**NANTES, "modality": "apprentissage"}, None)],
        "b": [({}, {**NANTES, "modality": "scolaire"}, None)],
    }
    assert list(goal_offered(diplomas, usable, T44, "apprentissage")) == ["a"]
    assert sorted(goal_offered(diplomas, usable, T44)) == ["a", "b"]


def test_a_campus_territory_counts_its_establishments_offers() -> None:
    diplomas = {"a": _d("a", "BTS A")}
    usable = {"a": [({"campuses": ["cmq-x"]}, NANTES, None)]}
    assert list(goal_offered(diplomas, usable, Territory(campus="cmq-x"))) == ["a"]
    assert not goal_offered(diplomas, usable, Territory(campus="cmq-y"))


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
