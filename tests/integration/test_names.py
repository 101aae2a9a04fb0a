"""The names users read, on each real engine, over a fixture cut from the national files
(``tests/fixtures/opendata_names/``: Alpes-Maritimes, the BTSA ACSE and two Parcoursup titles):
diplomas as people write them, closed diplomas said closed, Parcoursup stand-ins after real
diplomas, départements by their names, public files by their titles.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import imported_client_fixture

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "opendata_names"
NICE = "43.703,7.266"
RAW_COMMON_YEAR = re.compile(r"1ERE ANNEE COMMUNE|1E ANNEE|2NDE COMMUNE")
FILE_NAME = re.compile(r"[\w.-]+\.(csv|json|txt|toml)\b")


client = imported_client_fixture(FIXTURE, national_table=True)


def get(client: TestClient, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_common_first_year_step_is_named_as_people_write_it(client: TestClient) -> None:
    """Nice, Bac pro cuisine → BTS: the card named the step by the BCN's « MANAGEMENT EN
    HOTELLERIE-RESTAURATION BTS 1ERE ANNEE COMMUNE » while the explanation said « — 1re année
    commune, puis une option »: the step's name is the explanation's."""
    query = {"from": "40022106", "to_type": "bts", "departements": "06", "home": NICE}
    answer = get(client, "/pathways", **query)
    steps = [s for p in answer["pathways"] for s in p["steps"] if s["code"] == "32033422"]
    assert steps, answer
    for s in steps:
        assert s["name"] == (
            "Management en hôtellerie-restauration (BTS) — 1re année commune, puis une option"
        )
        assert RAW_COMMON_YEAR.search(s["source_name"])  # the stored text, for API clients
    for p in answer["pathways"]:
        for s in p["steps"]:
            assert not RAW_COMMON_YEAR.search(s["name"]), s["name"]
            assert any(s["name"] in line for line in p["score"]["explanation"]), s["name"]
    # the territory by its name, in the answer and its sentences
    assert answer["territory"] == "le département des Alpes-Maritimes (06)"
    # and as a whole phrase, for clients (the web page, map clients) to show as is
    assert answer["territory_phrase"] == "dans le département des Alpes-Maritimes (06)"
    r = client.get("/pathways.geojson", params=query)
    assert r.status_code == 200, r.text
    assert r.json()["properties"]["territory_phrase"] == answer["territory_phrase"]
    text = " ".join([*answer["notices"], answer.get("reason") or ""])
    assert "département 06" not in text


def test_a_closed_diploma_is_said_closed_after_the_one_that_replaced_it(
    client: TestClient,
) -> None:
    """« melec » listed Bac pro MELEC 40025510 (closed on 31/08/2025) and 40025520 under the
    same name without saying which was closed."""
    found = get(client, "/diplomas/search", q="melec")
    codes = [d["code"] for d in found["items"]]
    assert codes.index("40025520") < codes.index("40025510"), codes
    old = next(d for d in found["items"] if d["code"] == "40025510")
    new = next(d for d in found["items"] if d["code"] == "40025520")
    assert old["closed"] is True and old["replaced_by"] == ["40025520"]
    assert old["note"].startswith("fermé en 2025, remplacé par ")
    assert new["name"] in old["note"]
    assert new["closed"] is False and new["note"] is None
    # the diploma's page says it too, with its successor to link to, and the successor the
    # diploma it replaced
    page = get(client, "/diplomas/40025510")
    assert page["closed"] is True and page["replaced_by"] == ["40025520"]
    # the search adds where its offers are counted (answers19: the offers the import carried
    # to its successor are the successor's), the page says the closing alone
    assert old["note"].startswith(page["note"]) and page["note"].startswith("fermé en 2025")
    assert [(s["code"], s["name"]) for s in page["successors"]] == [("40025520", new["name"])]
    assert page["predecessors"] == []
    renewed = get(client, "/diplomas/40025520")
    assert renewed["closed"] is False and renewed["note"] is None and not renewed["successors"]
    assert [p["code"] for p in renewed["predecessors"]] == ["40025510"]
    listed = get(client, "/diplomas", q="electricite")["items"]
    assert next(d for d in listed if d["code"] == "40025510")["note"].startswith("fermé en 2025")


def test_real_diplomas_come_before_parcoursup_stand_ins(client: TestClient) -> None:
    """« bts acse » listed two Parcoursup titles (PS-…) before the BTSA itself; a title no
    diploma code describes is still found, readably, when nothing else matches."""
    codes = [d["code"] for d in get(client, "/diplomas/search", q="bts acse")["items"]]
    assert codes and "32321014" in codes, codes
    assert not [c for c in codes if c.startswith("PS-")], codes
    # the Parcoursup titles of the BTSA ACSE are that diploma now (« option Territoires
    # metropolitains » is the BCN's « SPECIALITE TERRITOIRES METROPOLITAINS », tester26): no
    # stand-in of its own beside it
    every = get(client, "/diplomas", q="strategie de l entreprise agricole", limit=50)["items"]
    assert "32321015" in {d["code"] for d in every}, every
    assert not any(d["code"].startswith("PS-") for d in every), every
    alone = get(client, "/diplomas/search", q="orthophoniste")["items"]
    assert alone and all(d["code"].startswith("PS-") for d in alone), alone
    assert alone[0]["name"] == "Certificat de capacite d'Orthophoniste"
    assert "Parcoursup" in alone[0]["note"]
    # started from, the stand-in is named without its code (it read « … (PS-…) »)
    start = get(client, "/pathways", **{"from": alone[0]["code"], "to_level": 8})["start"]
    assert start == "Certificat de capacite d'Orthophoniste", start


def test_coverage_names_public_files_by_their_titles(client: TestClient) -> None:
    """/coverage listed « attractivite_capacite_2022.csv », « constat_2020.csv »…"""
    body = get(client, "/coverage", departements="06")
    assert body["territory"] == "le département des Alpes-Maritimes (06)"
    sources = {s for r in body["rows"] for s in r["sources"]}
    assert sources, body
    assert not [s for s in sources if FILE_NAME.search(s)], sources
    assert "Affelnet lycée : capacités et vœux, Éducation nationale, 2022" in sources
    for row in body["rows"]:
        for example in row["examples"]:
            assert not RAW_COMMON_YEAR.search(example), example


def test_a_gap_report_names_its_departement(client: TestClient) -> None:
    report = get(client, "/gaps", departements="06")
    assert report["territory"] == "le département des Alpes-Maritimes (06)"
    names = [n["name"] for s in report["sections"] for f in s["findings"] for n in f["nodes"]]
    assert not [n for n in names if RAW_COMMON_YEAR.search(n or "")], names


COMMON_YEAR = "32033422"  # MANAGEMENT EN HOTELLERIE-RESTAURATION BTS 1ERE ANNEE COMMUNE
COMMON_YEAR_NAME = (
    "Management en hôtellerie-restauration (BTS) — 1re année commune, puis une option"
)


def test_an_establishment_page_names_its_diplomas_as_people_write_them(
    client: TestClient,
) -> None:
    """GET /actors/{id} listed its offers by the BCN's upper-case text (« … BTS 1ERE ANNEE
    COMMUNE ») where every other page reads the name the naming module gives."""
    page = get(client, f"/diplomas/{COMMON_YEAR}")
    assert page["name"] == COMMON_YEAR_NAME
    actors = {o["actor"] for o in page["offers"]}
    assert actors, page
    for actor in sorted(actors):
        offers = get(client, f"/actors/{actor}")["offers"]
        mine = [o for o in offers if o["diploma"] == COMMON_YEAR]
        assert mine, offers
        assert {o["name"] for o in mine} == {COMMON_YEAR_NAME}
        assert not [o["name"] for o in offers if RAW_COMMON_YEAR.search(o["name"])]
        # the stored text stays for API clients that match on it
        assert all(RAW_COMMON_YEAR.search(o["source_name"]) for o in mine)
    assert RAW_COMMON_YEAR.search(page["source_name"])


def test_links_feeders_and_suggestions_name_a_common_year_readably(client: TestClient) -> None:
    """The diploma pages' next and previous steps, the feeders' answer and the suggestions of
    a 404 read the same name as the search (they read the BCN text, or a code beside it)."""
    links = [
        x
        for code in ("40022106", COMMON_YEAR)
        for side in ("next", "previous")
        for x in get(client, f"/diplomas/{code}")[side]
    ]
    common = [x for x in links if x["code"] == COMMON_YEAR]
    assert common, links
    assert {x["name"] for x in common} == {COMMON_YEAR_NAME}
    assert not [x["name"] for x in links if RAW_COMMON_YEAR.search(x["name"])]
    feeders = get(client, "/feeders", to=COMMON_YEAR, departements="06")
    assert feeders["name"] == COMMON_YEAR_NAME
    r = client.get("/diplomas/management-en-hotellerie-restauration")
    assert r.status_code == 404, r.text
    suggested = r.json()["suggestions"]
    assert f"{COMMON_YEAR} ({COMMON_YEAR_NAME})" in suggested, suggested
    assert not [s for s in suggested if RAW_COMMON_YEAR.search(s)], suggested
    # the stored text stays for API clients that match on it
    assert all(RAW_COMMON_YEAR.search(x["source_name"]) for x in common)
    assert RAW_COMMON_YEAR.search(feeders["source_name"])


def test_a_bcn_name_in_capitals_reads_in_french_case(client: TestClient) -> None:
    """The BCN writes its names in capitals without accents (« METIERS DE LA RELATION CLIENT
    2NDE COMMUNE (BAC PRO) »); a national review found 151 of the 3 249 diplomas with offers
    shown so. Each reads in the case French is written, accents put back from a closed list,
    its stored text kept for API clients."""
    page = get(client, "/diplomas", limit=500)
    offered = [d for d in page["items"] if d["offers"] and not d["code"].startswith("PS-")]
    assert offered
    shouting = []
    for d in offered:
        letters = [c for c in d["name"].split(" — ")[0] if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters):
            shouting.append(d["name"])
    assert not shouting, shouting
    renamed = [d for d in offered if d["source_name"] and d["source_name"].isupper()]
    assert renamed  # the fixture has BCN names in capitals: they were read otherwise
    for d in renamed:
        assert d["name"] != d["source_name"]


def test_a_seed_diploma_name_reads_with_its_accents(client: TestClient) -> None:
    """The national continuations' seed cites the BCN's text, « CYBERSECURITE, INFORMATIQUE ET
    RESEAUX, ELECTRONIQUE (BAC PRO) », and keeps it; people read « Cybersécurité » (a review
    saw « Cybersecurite »), the cited text kept as the source name."""
    d = get(client, "/diplomas/40025519")
    assert d["name"].startswith("Cybersécurité, informatique et réseaux, électronique"), d["name"]
    assert d["source_name"] == "CYBERSECURITE, INFORMATIQUE ET RESEAUX, ELECTRONIQUE (BAC PRO)"
