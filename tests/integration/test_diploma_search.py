"""GET /diplomas/search: the names people use, on the real seed data."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _codes(client: TestClient, q: str) -> list[str]:
    r = client.get("/diplomas/search", params={"q": q})
    assert r.status_code == 200, r.text
    return [d["code"] for d in r.json()["items"]]


def test_acronyms_find_the_diploma(seed_client: TestClient) -> None:
    assert _codes(seed_client, "MELEC")[0] == "40025510"
    assert _codes(seed_client, "bac pro melec")[0] == "40025510"
    assert set(_codes(seed_client, "cprp")) >= {"32022316", "32022317", "32022318"}
    assert _codes(seed_client, "MSPC")[0] == "40025012"
    assert _codes(seed_client, "bts crsa")[0] == "32020111"


def test_words_in_any_order_accents_and_typos(seed_client: TestClient) -> None:
    assert _codes(seed_client, "usinage technicien")[0] == "40025106"
    assert _codes(seed_client, "électrotechnique")[0] == "32025520"
    assert _codes(seed_client, "electrotecnique")[0] == "32025520"  # a letter missing
    assert _codes(seed_client, "maintenance vehicules bts") == ["32025215"]


def test_a_code_finds_its_diploma(seed_client: TestClient) -> None:
    assert _codes(seed_client, "40025014") == ["40025014"]


def test_nothing_matches_gives_a_french_hint_with_close_names(seed_client: TestClient) -> None:
    r = seed_client.get("/diplomas/search", params={"q": "cap usinage"}).json()
    assert r["items"] == []
    assert r["hint"].startswith("Aucun CAP ne correspond à « usinage » ; diplômes proches :")
    assert "TECHNICIEN D'USINAGE" in r["hint"]
    assert any(d["code"] == "40025106" for d in r["suggestions"])
    # close by name, never by code: a number near a code proposes nothing by its digits
    near = seed_client.get("/diplomas/search", params={"q": "zzqx"}).json()
    assert near["items"] == [] and "Aucun diplôme ne correspond" in near["hint"]


def test_search_is_not_read_as_a_code(seed_client: TestClient) -> None:
    assert seed_client.get("/diplomas/search", params={"q": "sio"}).status_code == 200
    assert seed_client.get("/diplomas/40025014").status_code == 200
