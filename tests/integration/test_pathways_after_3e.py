"""A start « fin de 3e (sans diplôme) » (from_level=2), on each real engine, over the fixture
cut from the national files for the ranking (tests/fixtures/opendata_rank/: CAP and Bac pro
of Bretagne's lycées, from the Affelnet files): the first step is a programme entered after
3e, never a diploma the pupil would hold already."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import ask, imported_client_fixture

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BREST = "48.390,-4.486"
BRETAGNE = "22,29,35,56"
BRETAGNE_DEPS = {"22", "29", "35", "56"}  # as the API writes them (INSEE codes)
CAP_CUISINE, BAC_PRO_CUISINE = "50022146", "40022106"
BAC_PRO_CSR = "40022105"  # commercialisation et services en restauration: NSF 221 too
LEVEL_AFTER_3E = 2


client = imported_client_fixture(
    FIXTURES / "opendata_rank",
    national_table=True,
    extra_seeds=tuple((FIXTURES / "seeds_rank").glob("*.toml")),
)


def codes(p: dict[str, Any]) -> tuple[str, ...]:
    return tuple(s["code"] for s in p["steps"])


def test_a_pupil_of_3e_reaches_a_bac_pro_whose_first_step_is_a_programme(
    client: TestClient,
) -> None:
    """« Élève de 3e à Brest → Bac pro »: the start is the end of 3e (no code, no diploma
    type), the first step a CAP or a Bac pro offered in Bretagne, reached by no passerelle of
    the graph but by the entry after 3e; a Bac pro is reached directly (its 2de pro)."""
    answer = ask(
        client, from_level=LEVEL_AFTER_3E, to_type="bac_pro", departements=BRETAGNE, home=BREST
    )
    assert answer["start"] == "fin de 3e (sans diplôme)"
    assert answer["notices"][0].startswith("Départ en fin de 3e (sans diplôme) : ")
    paths = answer["pathways"]
    assert paths
    for p in paths:
        start, first = p["steps"][0], p["steps"][1]
        assert (start["code"], start["name"], start["level"]) == (
            "",
            "Fin de 3e (sans diplôme)",
            LEVEL_AFTER_3E,
        )
        assert first["type"] in {"cap", "bac_pro"}
        assert first["passerelle"]["origin"] == "after_3e"
        assert first["passerelle"]["description"].startswith("entrée après la 3e")
        chosen = next(o for o in first["offers"] if o["chosen"])
        assert chosen["in_territory"] and chosen["departement"] in BRETAGNE_DEPS
        assert p["steps"][-1]["type"] == "bac_pro"
        assert p["score"]["explanation"][0].endswith("après la 3e.")
    assert any(len(p["steps"]) == 2 for p in paths)  # a Bac pro entered after 3e
    assert any(p["steps"][-1]["code"] == BAC_PRO_CUISINE for p in paths)


def test_a_pupil_of_3e_reaches_a_goal_job_or_a_cap_in_one_step(client: TestClient) -> None:
    """« Élève de 3e → commis de cuisine (G1602) »: the Bac pro cuisine one step after 3e
    (its 2de pro), no CAP held first; « → CAP »: a CAP, one step after 3e, never a CAP
    « held » as the start of a second CAP."""
    answer = ask(client, from_level=LEVEL_AFTER_3E, job="G1602", departements=BRETAGNE)
    found = [codes(p) for p in answer["pathways"]]
    assert ("", BAC_PRO_CUISINE) in found, found
    answer = ask(client, from_level=LEVEL_AFTER_3E, to_type="cap", departements=BRETAGNE)
    caps = [p["steps"] for p in answer["pathways"]]
    assert caps
    assert all(len(steps) == 2 and steps[1]["type"] == "cap" for steps in caps), caps


def test_a_start_after_3e_in_a_field_chooses_the_first_programme(client: TestClient) -> None:
    """« Élève de 3e, cuisine (G1602, or the field of training nsf-221) → niveau 3 »: the
    first step is a programme of that field only; without a field, others too, before and
    after (the search's shared legs are not narrowed for the next question). It was a 422
    (« un élève de fin de 3e n'a pas encore de filière », tester22)."""
    before = ask(client, from_level=LEVEL_AFTER_3E, to_level=3, departements=BRETAGNE, limit=50)
    firsts = {p["steps"][1]["code"] for p in before["pathways"]}
    assert firsts - {CAP_CUISINE, BAC_PRO_CUISINE}, firsts  # other programmes without a field
    for sector, field in (
        ("G1602", {CAP_CUISINE, BAC_PRO_CUISINE}),
        ("nsf-221", {CAP_CUISINE, BAC_PRO_CUISINE, BAC_PRO_CSR}),
    ):
        answer = ask(
            client,
            from_level=LEVEL_AFTER_3E,
            sector=sector,
            to_level=3,
            departements=BRETAGNE,
            limit=50,
        )
        assert answer["start"].startswith("fin de 3e (sans diplôme), "), answer["start"]
        got = {p["steps"][1]["code"] for p in answer["pathways"]}
        assert got and got <= field, (sector, got)
        assert all(p["steps"][0]["code"] == "" for p in answer["pathways"])
    assert "domaine de formation « " in answer["start"]
    after = ask(client, from_level=LEVEL_AFTER_3E, to_level=3, departements=BRETAGNE, limit=50)
    assert after == before


def test_a_start_after_3e_in_a_field_without_programme_is_refused_in_french(
    client: TestClient,
) -> None:
    """A field no programme entered after 3e is of: said (422, French); a sector the data
    does not know: 404 with the close ones; level 1 is nothing."""
    r = client.get(
        "/pathways", params={"from_level": 2, "sector": "nsf-114", "to_level": 3}
    )  # Mathématiques
    assert r.status_code == 422
    assert "Aucune formation ouverte après la 3e pour le domaine de formation « " in r.text
    r = client.get("/pathways", params={"from_level": 2, "sector": "cuisinez", "to_level": 3})
    assert r.status_code == 404
    r = client.get("/pathways", params={"from_level": 1, "to_level": 3})
    assert r.status_code == 422
