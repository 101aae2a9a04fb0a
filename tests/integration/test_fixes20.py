"""A tester's findings across France (branch fixes20), on each real engine, over the seeds."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_an_untied_filiere_is_never_said_untrained(seed_client: TestClient) -> None:
    """« Éolien (dont éolien offshore) » (Fécamp campus) has a campus note but no ROME code
    and no linked diploma: the 76 + 27 report said « sans aucune formation locale recensée »
    beside a BTS option systèmes éoliens at Fécamp. The data cannot tell: it says so, and the
    filière list marks it as not tied to any programme."""
    r = seed_client.get("/gaps", params={"departements": "76,27", "limit": 500})
    assert r.status_code == 200, r.text
    findings = [f for s in r.json()["sections"] for f in s["findings"]]
    wind = next(f for f in findings if f["id"] == "demand:wind-energy")
    assert "sans aucune formation" not in wind["why"], wind["why"]
    assert "n'est pas connue, à vérifier" in wind["why"] and wind["severity"] == "low"
    r = seed_client.get("/gaps/sectors", params={"departements": "76,27"})
    assert r.status_code == 200, r.text
    tied = {c["id"]: c["tied"] for c in r.json()["sectors"]}
    assert tied["wind-energy"] is False
    assert all(tied[k] for k, v in tied.items() if k.startswith("nsf-"))


def test_enum_query_values_are_read_in_any_case(seed_client: TestClient) -> None:
    """`to_type=BTS`, `modality=APPRENTICESHIP` answered 422 while the message listed « bts »:
    every enum query parameter of the API is read in any case, on /v1 and its alias; a value
    of no list is still refused."""
    base = {"from": "40025214", "to_level": "5"}
    for path in ("/v1/pathways", "/pathways"):
        lower = seed_client.get(path, params={**base, "to_type": "bts", "modality": "school"})
        upper = seed_client.get(path, params={**base, "to_type": "BTS", "modality": "School"})
        assert lower.status_code == upper.status_code == 200, upper.text
        assert upper.json() == lower.json()
    assert seed_client.get("/v1/pathways", params={**base, "to_type": "BTX"}).status_code == 422
    for path, params in (
        ("/v1/actors", {"kind": "LYCEE"}),
        ("/v1/diplomas", {"type": "Bac_Pro"}),
        ("/v1/passerelles", {"origin": "DOCUMENTED"}),
        ("/v1/platforms", {"kind": "PFT"}),
        ("/v1/gaps.csv", {"departements": "46", "section": "Dead_Ends"}),
        ("/v1/map.geojson", {"kind": "CFA", "modality": "School"}),
    ):
        upper = seed_client.get(path, params=params)
        lower = seed_client.get(path, params={k: v.lower() for k, v in params.items()})
        assert upper.status_code == lower.status_code == 200, (path, upper.text)
        assert upper.content == lower.content, path


def test_a_departement_keeps_its_leading_zero_and_is_read_without_it(
    seed_client: TestClient,
) -> None:
    """`near=Moulins` showed « Moulins (Allier, 3) », and « Moulins (3) » typed back failed:
    the label gives the INSEE code « 03 », and the code is read with or without its zero."""
    said = []
    for near in ("Moulins", "Moulins (3)", "Moulins (03)"):
        r = seed_client.get("/v1/gaps/sectors", params={"near": near, "radius_km": 30})
        assert r.status_code == 200, (near, r.text)
        said.append(r.json()["territory"])
    assert "Moulins (Allier, 03)" in said[0], said[0]
    assert said[1] == said[2] == said[0]


def test_an_answer_in_one_modality_names_another_first_pathway(seed_client: TestClient) -> None:
    """An apprenticeship answer (CAP cuisine → BTS, La Réunion) never said that the first
    pathway in any modality was another one (a school route): it names it, with each step's
    modality, exactly when the two first pathways differ."""
    differs = 0
    cases = (
        {"from": "40025214", "to_level": "5"},
        {"from_level": "4", "to_level": "5"},
        {"from": "32025014", "to_level": "7"},
        {"from": "32025014", "to_level": "6"},
        {"from_level": "3", "to_level": "5"},
    )
    for question in cases:
        for modality in ("apprenticeship", "school"):
            base = {**question, "departements": "46,12", "home": "Figeac"}
            one = seed_client.get("/v1/pathways", params={**base, "modality": modality}).json()
            anyway = seed_client.get("/v1/pathways", params=base).json()
            if not one["pathways"] or not anyway["pathways"]:
                continue
            said = [n for n in one["notices"] if n.startswith("Toutes modalités confondues")]
            first = [s["name"] for s in anyway["pathways"][0]["steps"]]
            if first == [s["name"] for s in one["pathways"][0]["steps"]]:
                assert not said, said
                continue
            differs += 1
            assert len(said) == 1, one["notices"]
            for name in first:
                assert name in said[0], (name, said[0])
    assert differs, "no case where the modality changes the first pathway"
