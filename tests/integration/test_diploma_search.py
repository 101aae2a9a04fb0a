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
    assert "Technicien d'usinage" in r["hint"]
    assert any(d["code"] == "40025106" for d in r["suggestions"])
    # close by name, never by code: a number near a code proposes nothing by its digits
    near = seed_client.get("/diplomas/search", params={"q": "zzqx"}).json()
    assert near["items"] == [] and "Aucun diplôme ne correspond" in near["hint"]


def test_search_is_not_read_as_a_code(seed_client: TestClient) -> None:
    assert seed_client.get("/diplomas/search", params={"q": "sio"}).status_code == 200
    assert seed_client.get("/diplomas/40025014").status_code == 200


def _suggested(client: TestClient, path: str) -> list[str]:
    r = client.get(path)
    assert r.status_code == 404, r.text
    return r.json().get("suggestions", [])


def test_an_unknown_diploma_suggests_close_names_and_meanings(seed_client: TestClient) -> None:
    """What a counsellor expects from a wrong address: a name finds the diploma it names (as
    the search does), and an unknown code the diplomas of its kind and speciality (its first
    six digits: bac pro, mécanique), never codes that merely share digits."""
    by_name = _suggested(seed_client, "/diplomas/electrotechnique")
    assert by_name and by_name[0].startswith("32025520 (")
    assert _suggested(seed_client, "/diplomas/melec")[0].startswith("40025510 (")
    by_code = _suggested(seed_client, "/diplomas/40025099")
    assert by_code and all(s.startswith("400250") for s in by_code)
    # digits alone do not make a meaning: a code of no known kind suggests nothing
    assert _suggested(seed_client, "/diplomas/99999999") == []


def test_a_far_text_suggests_no_diploma_and_a_typo_its_diploma(seed_client: TestClient) -> None:
    """A review typed « ABC » and was offered « Maçon » (two letters in common): the nearest
    names are suggested only when close in spelling."""
    assert _suggested(seed_client, "/diplomas/ABC") == []
    assert _suggested(seed_client, "/diplomas/XYZW") == []
    assert _suggested(seed_client, "/diplomas/electrotechnque")[0].startswith("32025520 (")


def test_a_letter_typed_for_a_digit_and_nonsense(seed_client: TestClient) -> None:
    """« 4002551O » (the letter O) is the code 40025510 first, then its kind's; « abc »
    suggested « Maçon » (a name 50 % alike), which means nothing."""
    typo = _suggested(seed_client, "/diplomas/4002551O")
    assert typo and typo[0].startswith("40025510 (")
    assert all(s.startswith("400255") for s in typo)
    assert _suggested(seed_client, "/diplomas/abc") == []
    hint = seed_client.get("/diplomas/search", params={"q": "abc"}).json()
    assert hint["suggestions"] == [] and hint["hint"].endswith(
        "essayez un autre mot ou le sigle du diplôme."
    )
