"""Pathway notices a counsellor's review of the national files found silent, on each real
engine: the fixture (tests/fixtures/opendata_notices17, its make_fixture.py says what it keeps)
is a cut of the Finistère (29) and of Paris (75).

- After the CAP boulanger, level 4 in apprenticeship: the BP boulanger, the files' silence on
  apprenticeship, was not named; only the Bac pro in a lycée was proposed.
- After a BTS, Bac+3: licences professionnelles are not in the files, the answer did not say so
  (the gap report did).
- « Trajet total 11 km » and « à 12 km » are straight lines: said « à vol d'oiseau ».
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_notices17"
client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)

CAP_BOULANGER = "50022137"
BTS_MCO = "32031213"


def _steps(got: dict[str, Any]) -> set[str]:
    return {s["code"] for p in got["pathways"] for s in p["steps"]}


def _said(got: dict[str, Any]) -> str:
    return " ".join([*got["notices"], got["reason"] or ""])


def test_the_bp_of_the_trade_is_named_never_proposed(client: TestClient) -> None:
    got = ask(
        client,
        **{"from": CAP_BOULANGER},
        to_level=4,
        departements="29",
        home="Quimper",
        modality="apprenticeship",
    )
    said = _said(got)
    assert (
        # the fixture has no Certif Info row: the BCN's name, « Boulanger (BP) »
        "Au niveau 4, de la même spécialité : Boulanger (BP), non décrit par les fichiers publics "
        "(aucune offre n'y figure), à vérifier auprès des CFA ; il n'est donc pas proposé comme "
        "parcours."
    ) in said, said
    # no offer: never a step; the BP boucher (same NSF group, another trade) is not named
    assert "45022108" not in _steps(got), got["pathways"]
    assert "boucher" not in said.lower(), said
    assert "45022108" not in said and "45022105" not in said, said


def test_a_goal_no_offer_names_anywhere_is_the_files_silence(client: TestClient) -> None:
    """tester20: CAP boulanger → BP boulanger (or any BP) around Orléans answered « Aucune
    passerelle connue … » or « aucun brevet professionnel dans un rayon de 40 km », with
    « Essayez un territoire plus large »: no file lists any BP offer anywhere. The answer says
    the files do not describe it (files_cannot_tell), naming no territory."""
    for goal, name in (({"to": "45022108"}, "Boulanger (BP)"), ({"to_type": "bp"}, None)):
        got = ask(client, **{"from": CAP_BOULANGER}, **goal, departements="29", home="Quimper")
        said = _said(got)
        assert not got["pathways"] and got["files_cannot_tell"], said
        assert got["reason"].startswith(
            "Les données importées ne décrivent nulle part d'offre de "
            + (name or "brevet professionnel")
        ), got["reason"]
        assert "ne contiennent aucun" not in said and "Aucune passerelle" not in said, said
    # a goal offered somewhere: the territory's or the links' answer, as before
    got = ask(client, **{"from": CAP_BOULANGER}, to_type="bts", departements="29")
    assert not got["files_cannot_tell"] and "nulle part d'offre" not in _said(got)


def test_no_bp_named_for_another_level(client: TestClient) -> None:
    got = ask(client, **{"from": CAP_BOULANGER}, to_level=5, departements="29")
    assert "Boulanger (BP)" not in _said(got), _said(got)


def test_bac_plus_3_after_a_bts_says_licences_pro_are_missing(client: TestClient) -> None:
    got = ask(client, **{"from": BTS_MCO}, to_level=6, departements="75", home="Paris")
    assert (
        "Aux niveaux Bac+3 et Bac+5, les données ne connaissent que les formations où l'on entre "
        "après le bac (Parcoursup) et celles des documents de campus : licences professionnelles, "
        "masters et écoles recrutant après un Bac+2 n'y figurent pas"
    ) in _said(got), _said(got)
    # a BUT asked by its type: the files list them (Parcoursup), no warning
    but = ask(client, **{"from": BTS_MCO}, to_type="but", departements="75", home="Paris")
    assert "Bac+3 et Bac+5" not in _said(but), _said(but)


def test_distances_are_said_as_the_crow_flies(client: TestClient) -> None:
    got = ask(client, **{"from": CAP_BOULANGER}, to_level=4, departements="29", home="Brest")
    assert got["pathways"], got
    lines = [t for p in got["pathways"] for t in p["score"]["explanation"]]
    trips = [t for t in lines if t.startswith("Trajet total")]
    steps = [t for t in lines if t.startswith("Étape") and " km" in t]
    assert trips and steps, lines
    assert all("km à vol d'oiseau" in t for t in trips + steps), lines


def _last_steps(got: dict[str, Any]) -> list[dict[str, Any]]:
    return [p["steps"][-1] for p in got["pathways"]]


def test_a_programme_for_bac_pro_holders_is_no_step_after_a_bts(client: TestClient) -> None:
    got = ask(client, **{"from": BTS_MCO}, to_level=6, region="11", home="75011", limit=50)
    names = [s["name"] for s in _last_steps(got)]
    assert names, got
    assert not any("ENEPS" in n for n in names), names


def test_a_programme_taught_at_a_distance_has_no_km(client: TestClient) -> None:
    got = ask(client, **{"from": BTS_MCO}, to_level=6, region="11", home="75011", limit=50)
    far = [s for s in _last_steps(got) if "distanciel" in s["name"]]
    assert far, [s["name"] for s in _last_steps(got)]
    for s in far:
        chosen = next(o for o in s["offers"] if o["chosen"])
        assert chosen["distance_learning"] is True and chosen["distance_km"] is None, chosen
    lines = [
        t
        for p in got["pathways"]
        if "distanciel" in p["steps"][-1]["name"]
        for t in p["score"]["explanation"]
    ]
    assert any("formation à distance, sans lieu de formation local" in t for t in lines), lines
    # the same BUT taught on site at Montreuil keeps its distance
    site = [s for s in _last_steps(got) if s["code"] != far[0]["code"] and "Montreuil" in str(s)]
    assert any(next(o for o in s["offers"] if o["chosen"])["distance_km"] for s in site), site


def test_a_programme_taught_at_a_distance_comes_after_the_nearby_ones_on_site(
    client: TestClient,
) -> None:
    """BTS MCO → niveau 6 from Paris 11e: « BUT GACO – en distanciel » counts no km, so it
    ranked first, before the same BUT on site at Montreuil (6 km). It now comes after the
    pathways taught on site within a daily commute, and a notice says so
    (graph/pathways/in_person.py)."""
    got = ask(client, **{"from": BTS_MCO}, to_level=6, region="11", home="75011", limit=50)
    remote = [
        i
        for i, p in enumerate(got["pathways"])
        if any(o["chosen"] and o["distance_learning"] for s in p["steps"] for o in s["offers"])
    ]
    assert remote, [s["name"] for s in _last_steps(got)]
    first = remote[0]
    before = got["pathways"][:first]
    assert before, "the distance programme is no longer first"
    for p in before:  # every pathway before it is taught on site, nearby
        for s in p["steps"][1:]:
            chosen = next(o for o in s["offers"] if o["chosen"])
            assert not chosen["distance_learning"] and chosen["distance_km"] <= 30, chosen
    # its score is higher than one it now follows: only the order moved, and it is said
    assert got["pathways"][first]["score"]["total"] > before[0]["score"]["total"]
    said = [n for n in got["notices"] if "se suit à distance" in n]
    assert said and f"n° {first + 1}" in said[0], got["notices"]
    assert "quel que soit son score" in said[0] or "quel que soit leur score" in said[0]
