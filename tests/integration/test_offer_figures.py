"""The figures an offer shows (places, vœux, taux de pression) as the public files mean them, on
each real engine, over a fixture cut from the national files
(tests/fixtures/opendata_offer_figures/, its make_fixture.py says what is kept) with the
national continuation table: an Affelnet capacity of 999 is a placeholder, not places
(graph/ingest/opendata/placeholders.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.pathways.data import pathway_data
from graph.pathways.entry_figures import entry_capacity, entry_demand
from tests.conftest import StoreMaker, ask, imported_client, national_table_seeds

OPENDATA = Path(__file__).resolve().parent.parent / "fixtures" / "opendata_offer_figures"
CAP_ELEC, BAC_MELEC, BAC_MELEC_NEW, COMMON_TNE = "50025524", "40025510", "40025520", "40020008"
PLACEHOLDER_UAI = "0350793X"


@pytest.fixture(scope="module")
def client(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    seeds = national_table_seeds(tmp_path_factory)
    yield from imported_client(session_stores(), OPENDATA, tmp_path_factory, seeds=seeds)


def offers_of(answer: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [
        o for p in answer["pathways"] for s in p["steps"] if s["code"] == code for o in s["offers"]
    ]


def test_a_placeholder_capacity_is_unknown_in_pathways(client: TestClient) -> None:
    """CAP électricien after 3e around Bréal-sous-Montfort (35): the lycée whose Affelnet row
    says 999 places and 1 first wish shows no places and no taux de pression, and is not
    chosen for its « capacity » before the lycées of real capacities."""
    answer = ask(client, from_level=2, to=CAP_ELEC, departements="35", home="35051")
    offers = offers_of(answer, CAP_ELEC)
    placeholder = [o for o in offers if o["uai"] == PLACEHOLDER_UAI]
    assert placeholder, offers
    for o in placeholder:
        assert o["capacity"] is None and o["pressure"] is None
        assert o["demand"] == 1
        assert all(y["capacity"] is None and y["pressure"] is None for y in o["history"])
    assert all((o["capacity"] or 0) < 998 for o in offers)
    assert {o["capacity"] for o in offers if o["uai"] != PLACEHOLDER_UAI} >= {15, 24}


def test_feeders_do_not_add_placeholder_places(client: TestClient) -> None:
    """« D'où viennent-ils ? » for the Bac pro MELEC's renovation, Ille-et-Vilaine: the CAP
    électricien's places are those of the three lycées that give real ones (15 + 24 + 15),
    and the fourth is said to have an unknown capacity."""
    r = client.get("/v1/feeders", params={"to": BAC_MELEC_NEW, "departements": "35"})
    assert r.status_code == 200, r.text
    cap = next(f for f in r.json()["feeders"] if f["code"] == CAP_ELEC)
    assert {o["actor_id"] for o in cap["offers"]} >= {f"uai-{PLACEHOLDER_UAI.lower()}"}
    assert cap["places"] == 15 + 24 + 15
    assert cap["unknown_places"] == 1


FAMILY = "Métiers des transitions numérique et énergétique"  # the BCN list (fixes22b)


@pytest.mark.parametrize(
    ("uai", "first_year", "common"),
    [("0133396W", (24, 1), (69, 27)), ("0130072H", (60, 44), (168, 120))],
)
def test_a_bac_pro_listed_by_its_1re_pro_only_is_not_the_entry_after_3e(
    client: TestClient, uai: str, first_year: tuple[int, int], common: tuple[int, int]
) -> None:
    """Bac pro MELEC (renewed as 40025520) after 3e in Marseille: Don Bosco and Ampère list its
    1re pro only in Affelnet 2022 (24 places, 1 first wish; 60, 44); the entry after 3e is the
    2nde commune of its famille de métiers there (69 places, 27 first wishes; 168, 120)."""
    answer = ask(client, from_level=2, to=BAC_MELEC_NEW, departements="13")
    offers = [o for o in offers_of(answer, BAC_MELEC_NEW) if o["uai"] == uai]
    assert offers
    for o in offers:
        assert (o["capacity"], o["demand"], o["year"]) == (*first_year, 2022)
        assert o["entry_year"] == 2 and o["demand_kind"] == "first_wishes"
        c = o["common_entry"]
        assert c is not None
        assert (c["code"], c["family"], c["capacity"], c["demand"]) == (
            COMMON_TNE,
            FAMILY,
            *common,
        )
        assert all(y["entry_year"] == 2 for y in o["history"])


def test_a_cap_entered_after_3e_has_its_first_year_figures(client: TestClient) -> None:
    answer = ask(client, from_level=2, to=CAP_ELEC, departements="13")
    offers = offers_of(answer, CAP_ELEC)
    assert offers
    for o in offers:
        assert o["entry_year"] is None and o["common_entry"] is None
        assert o["demand_kind"] == "first_wishes"


def test_parcoursup_wishes_are_confirmed_wishes(client: TestClient) -> None:
    """BTS électrotechnique after the Bac pro MELEC in Marseille: its wishes are Parcoursup's
    confirmed wishes (Don Bosco 2024: 15 places, 127 wishes), never Affelnet's first wishes."""
    answer = ask(client, **{"from": BAC_MELEC_NEW, "to_level": 5, "departements": "13"})
    bts = [o for o in offers_of(answer, "32025520") if o["demand"] is not None]
    assert bts
    assert {o["demand_kind"] for o in bts} == {"confirmed_wishes"}
    assert all(y["demand_kind"] == "confirmed_wishes" for o in bts for y in o["history"])


def test_feeders_do_not_add_1re_pro_places_to_entries_after_3e(client: TestClient) -> None:
    """« D'où viennent-ils ? » for the BTS électrotechnique in the Bouches-du-Rhône: Don Bosco
    and Ampère list the Bac pro MELEC by its 1re pro only (24 and 60 places): those are not
    added up as its places (84 was said), they are counted apart, and each offer says its
    places are of the 1re pro."""
    r = client.get("/v1/feeders", params={"to": "32025520", "departements": "13"})
    assert r.status_code == 200, r.text
    melec = next(f for f in r.json()["feeders"] if f["code"] == BAC_MELEC_NEW)
    later = {o["actor_id"] for o in melec["offers"] if o["entry_year"] == 2}
    assert later >= {"uai-0133396w", "uai-0130072h"}, melec["offers"]
    assert melec["later_year_places"] == len(later)
    assert melec["places"] is None or melec["places"] < 24 + 60


def test_the_pathway_ranking_reads_the_common_2nde_places(client: TestClient) -> None:
    """The pathway cache gives each offer of the Bac pro MELEC in Marseille the figures a step
    entered after 3e is ranked on: the common 2nde's there (69 places, 27 first wishes at Don
    Bosco; 168, 120 at Ampère), not its 1re pro ones (24, 1; 60, 44)."""
    store = client.app.state.store  # type: ignore[attr-defined]
    rows = pathway_data(store).everywhere_offers(store, [BAC_MELEC_NEW])[BAC_MELEC_NEW]
    got = {
        o.actor["uai"]: (o.offer["capacity"], entry_capacity(o.offer), entry_demand(o.offer))
        for o in rows
        if o.actor.get("uai") in {"0133396W", "0130072H"}
    }
    assert got == {"0133396W": (24, 69, 27), "0130072H": (60, 168, 120)}
