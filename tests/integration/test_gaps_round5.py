"""The « Manques » page on the national files (round 5, docs/gaps.md « Filières of a
territory »), on each real engine, over the whole Lozère cut from the national files
(``tests/fixtures/opendata_manques5/``: a département with little data and no campus) and the
real seeds.

A fresh user reported: the « Filière » list offered other territories' campus filières; the
continuum kept « toutes filières » under a filière; every suggested partnership outside the
campuses was a mechanics or electricity pair (they all rested on the Mecanic Vallée's
« Mécatronique », which a seed ties to national Bac pro and BTS codes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.nsf import nsf_name
from tests.conftest import FIXED_DAY, SEEDS, imported_client_fixture
from tests.integration.test_gaps_round4 import report, texts
from tests.integration.test_honest_answers import assert_plain_french

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_manques5"
MECANIC_VALLEE_FILIERES = {"mecatronique", "techniciens", "maintenance", "mecanique-de-precision"}


client = imported_client_fixture(FIXTURE, seeds=SEEDS, as_of=FIXED_DAY)


def choices(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/gaps/sectors", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_the_filiere_list_is_the_territorys(client: TestClient) -> None:
    """The Lozère has no campus of the seeds: its list is the fields of training of its
    programmes, never the Mecanic Vallée's filières; the campus's list has them, named with
    their campus, and another campus's list does not."""
    lozere = choices(client, departements="48")
    assert {c["kind"] for c in lozere["sectors"]} == {"field"}, lozere["sectors"]
    assert len(lozere["sectors"]) >= 10
    for c in lozere["sectors"]:
        assert c["id"].startswith("nsf-") and c["name"] == nsf_name(c["id"][4:])
        assert c["offers"] >= 1 and c["campus"] is None
    assert (
        sum(c["offers"] for c in lozere["sectors"]) + lozere["offers_without_field"]
        == (lozere["offers"])
    )
    assert lozere["territory"] == "le département de la Lozère (48)"
    # every choice gives a report, named by the choice
    first = lozere["sectors"][0]
    r = client.get("/gaps", params={"departements": "48", "sector": first["id"]})
    assert r.status_code == 200 and r.json()["sector_name"] == first["name"]
    home = choices(client, campus="mecanic-vallee")
    campus = [c for c in home["sectors"] if c["kind"] != "field"]
    assert {c["id"] for c in campus} >= MECANIC_VALLEE_FILIERES
    assert all("Mecanic" in c["campus"] for c in campus), campus
    clermont = choices(client, campus="campus-entreprises-clermont")
    assert not MECANIC_VALLEE_FILIERES & {c["id"] for c in clermont["sectors"]}
    assert client.get("/gaps/sectors", params={"departements": "999"}).status_code == 422
    assert client.get("/gaps/sectors", params={"campus": "zzz-inconnu"}).status_code == 404


def test_a_filiere_asked_titles_its_continuum(client: TestClient) -> None:
    """Under a filière the continuum read « Continuum toutes filières » (and the filière's
    own row beside it)."""
    for params in (
        {"campus": "mecanic-vallee", "sector": "mecatronique"},
        {"departements": "48", "sector": "nsf-330"},
    ):
        r = client.get("/gaps", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        name = body["sector_name"]
        assert name and body["sector"] == params["sector"]
        continuum = next(s for s in body["sections"] if s["id"] == "continuum_breaks")
        assert [f["title"] for f in continuum["findings"]] == [f"Continuum {name}"], continuum
        assert "toutes filières" not in str(continuum), continuum


def test_a_field_of_training_keeps_its_own_programmes(client: TestClient) -> None:
    """Health and social work in the Lozère: the continuum and the suggestions judge its
    programmes only; a field not offered there says so; an unknown field is refused like an
    unknown filière."""
    every = report(client, departements="48")
    whole = next(f for f in every["continuum_breaks"]["findings"] if f["id"] == "continuum:*")
    social = report(client, departements="48", sector="nsf-330")
    [continuum] = social["continuum_breaks"]["findings"]
    assert 0 < continuum["data"]["offers"] < whole["data"]["offers"]
    found = social["suggested_partnerships"]["findings"]
    assert found
    for f in found:
        assert "Field:330" in f["data"]["shared"], f
        assert "domaine « Sanitaire et social (plusieurs spécialités) »" in f["why"], f["why"]
    # textiles, not taught in the Lozère: said, with no note on suggestions beside it
    textile = report(client, departements="48", sector="nsf-241")
    assert textile["continuum_breaks"]["note"].startswith("Aucune formation de cette filière")
    assert textile["suggested_partnerships"]["note"] is None
    r = client.get("/gaps", params={"departements": "48", "sector": "nsf-998"})
    assert r.status_code == 404 and "Filière inconnue" in r.text


def test_suggestions_follow_the_territorys_fields(client: TestClient) -> None:
    """The Lozère's pairs rested on « Mécatronique » and friends, filières of a campus of the
    Lot: mechanics and electricity only. Now on the fields the two schools share, named, with
    the passerelle in that field; and the note says only schools are known there."""
    section = report(client, departements="48")["suggested_partnerships"]
    found = section["findings"]
    assert found
    shared = {z for f in found for z in f["data"]["shared"]}
    assert not {z for z in shared if z.startswith("Sector:")}, shared
    fields = {z[len("Field:") :] for z in shared if z.startswith("Field:")}
    # not mechanics and electricity alone (NSF domain 25, and 20 its pluri-technology)
    assert len({code for code in fields if code[:2] not in ("20", "25")}) >= 3, fields
    for f in found:
        named = [nsf_name(c) for c in fields if f"Field:{c}" in f["data"]["shared"]]
        assert any(f"domaine « {n} »" in f["why"] for n in named), f["why"]
        assert "→" in f["why"], f["why"]
    assert "Aucune entreprise ni aucun laboratoire" in section["note"]
    assert_plain_french(texts({"s": section}))
    # in the Mecanic Vallée's own territory, its filières still ground suggestions
    home = report(client, campus="mecanic-vallee")["suggested_partnerships"]["findings"]
    assert any(z.startswith("Sector:") for f in home for z in f["data"]["shared"])


def test_nothing_to_suggest_is_said(client: TestClient) -> None:
    """A field with no two schools following each other in it: an empty section said why,
    not « aucun constat »."""
    for c in choices(client, departements="48")["sectors"]:
        section = report(client, departements="48", sector=c["id"])["suggested_partnerships"]
        if not section["findings"]:
            assert section["note"].startswith("Aucun rapprochement à suggérer : aucune entreprise")
            return
    pytest.fail("every field of the Lozère has a suggestion")


def test_a_missing_bac5_may_be_a_gap_of_the_files(client: TestClient) -> None:
    """Lozère: « absents : Bac+5 (7) », where no public file lists a master or a licence pro."""
    continuum = report(client, departements="48")["continuum_breaks"]["findings"]
    whole = next(f for f in continuum if f["id"] == "continuum:*")
    assert 7 in whole["data"]["levels_missing"]
    assert "une absence à ces niveaux est à vérifier" in whole["why"]


def test_an_unknown_filiere_offers_the_close_ones(client: TestClient) -> None:
    """``sector=cuisine`` was a bare « Filière inconnue : cuisine. »: the 404 now lists the
    filières whose names hold the words typed (a close spelling too, accents aside), never
    taking one for the filière asked; a pathway's lists campus filières only (a field of
    training starts no pathway)."""
    r = client.get("/gaps", params={"departements": "48", "sector": "cuisine"})
    assert r.status_code == 404, r.text
    body = r.json()
    assert body["detail"] == "Filière inconnue : cuisine."
    assert body["suggestions"] == ["nsf-221 (Agroalimentaire, alimentation, cuisine)"]
    r = client.get("/map.geojson", params={"departements": "48", "sector": "hotelerie"})
    assert r.status_code == 404, r.text
    assert r.json()["suggestions"] == ["nsf-334 (Accueil, hôtellerie, tourisme)"]
    r = client.get("/gaps", params={"campus": "mecanic-vallee", "sector": "mecatronik"})
    assert r.status_code == 404, r.text
    assert any(s.startswith("mecatronique (Mécatronique") for s in r.json()["suggestions"])
    r = client.get("/pathways", params={"from_level": 3, "sector": "mecatronik", "to_level": 5})
    assert r.status_code == 404, r.text
    suggested = r.json()["suggestions"]
    assert suggested and not any(s.startswith("nsf-") for s in suggested), suggested
    # nothing close: no list, the same sentence
    r = client.get("/gaps", params={"departements": "48", "sector": "zzz"})
    assert r.status_code == 404 and "suggestions" not in r.json(), r.text


def test_the_filiere_list_of_a_region_a_radius_or_a_campus_is_its_own(client: TestClient) -> None:
    """The « Filière » list of a région, a radius or a campus (the Parcours job list reads it
    too): a région lists its own campuses' filières only, a radius names no campus, a campus
    only its own; Bretagne and 30 km around Mende never get the Mecanic Vallée's."""

    def campus_ids(**params: Any) -> set[str]:
        return {c["id"] for c in choices(client, **params)["sectors"] if c["kind"] != "field"}

    occitanie = campus_ids(region="76")
    assert occitanie >= MECANIC_VALLEE_FILIERES
    assert campus_ids(region="53") == set()
    around = choices(client, near="48095", radius_km=30)
    assert {c["kind"] for c in around["sectors"]} == {"field"}, around["sectors"]
    assert campus_ids(campus="campus-entreprises-clermont").isdisjoint(MECANIC_VALLEE_FILIERES)
    assert campus_ids(campus="mecanic-vallee") <= occitanie
