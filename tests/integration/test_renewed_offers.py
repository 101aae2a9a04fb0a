"""Diplomas the BCN closed and their renovations (graph.ingest.opendata.renewal), on each real
engine, over the fixture cut from the national files (tests/fixtures/opendata_national): a
closed diploma is never proposed as open; where it was prepared, its renovation is, said to be
presumed (« offre vue pour la version précédente de ce diplôme … à confirmer »). Closures are
judged on the import's day (``as_of``, fixed here so the answers do not move with the calendar).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest.opendata import run_import
from graph.ingest.opendata.plan import parse_directory
from tests.conftest import StoreMaker, make_settings

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_national"
MAX = 0.25  # the fixture keeps every rejected row of the country among few others
AS_OF = date(2026, 12, 5)
ACSE_OLD, ACSE_NEW = "32321014", "32321015"  # BTSA ACSE: closes 31/08/2026, renovated 2025
SENTENCE = "offre vue pour la version précédente de ce diplôme, rénové depuis"


@pytest.fixture(scope="module")
def client(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    store = session_stores()
    run_import(store, FIX, max_rejected=MAX, as_of=AS_OF)
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=store)
    with TestClient(app) as c:
        yield c


def test_closures_are_judged_on_the_import_day() -> None:
    """The BCN file is of August 2025 and closes the BTSA ACSE on 31/08/2026: open for an
    import in 2025, closed (its offers going on under its renovation) for one in December 2026.
    nMef closes its first year on 31/08/2025: from then on nobody enters it, and its offers go
    on under its renovation already, the old diploma still open (tester26: Bac pro MV)."""
    before = parse_directory(FIX, max_rejected=MAX, as_of=date(2025, 6, 1))
    entered_no_more = parse_directory(FIX, max_rejected=MAX, as_of=date(2025, 9, 2))
    after = parse_directory(FIX, max_rejected=MAX, as_of=AS_OF)
    assert not before.is_closed(before.diplomas[ACSE_OLD])
    assert not entered_no_more.is_closed(entered_no_more.diplomas[ACSE_OLD])
    assert after.is_closed(after.diplomas[ACSE_OLD])
    assert not any(o.code == ACSE_NEW and o.renewed_from for o in before.offers)
    carried = {
        (o.uai, o.modality) for o in entered_no_more.offers if o.code == ACSE_NEW and o.renewed_from
    }
    assert carried and carried <= {(o.uai, o.modality) for o in after.offers if o.code == ACSE_NEW}
    renewed = [o for o in after.offers if o.code == ACSE_NEW and o.renewed_from]
    old = {(o.uai, o.modality) for o in after.offers if o.code == ACSE_OLD}
    own = {(o.uai, o.modality) for o in after.offers if o.code == ACSE_NEW and not o.renewed_from}
    # Parcoursup's « BTS – Agricole – … option Territoires metropolitains » is ACSE_NEW itself
    # (tester26): where it lists the diploma, that current offer wins over a renewed one
    listed = {o.uai for o in after.postbac.offers if o.code == ACSE_NEW}
    old = {(u, m) for u, m in old if u not in listed}
    assert renewed and {(o.uai, o.modality) for o in renewed} == old - own
    assert all(o.renewed_from == (ACSE_OLD,) for o in renewed)


def _steps(answer: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any], str]]:
    for p in answer["pathways"]:
        text = " ".join(p["score"]["explanation"])
        for step in p["steps"][1:]:
            chosen = next(o for o in step["offers"] if o["chosen"])
            yield step, chosen, text


def test_a_renovation_is_proposed_where_the_closed_diploma_was_prepared(
    client: TestClient,
) -> None:
    r = client.get(
        "/pathways", params={"from_level": 4, "to_type": "bts", "departements": "76", "limit": 50}
    )
    assert r.status_code == 200, r.text
    closed = {
        c
        for c, d in parse_directory(FIX, max_rejected=MAX, as_of=AS_OF).diplomas.items()
        if d.closing_date and d.closing_date < AS_OF.isoformat()
    }
    steps = list(_steps(r.json()))
    assert steps and not {s["code"] for s, _, _ in steps} & closed
    renewed = [(s, o, t) for s, o, t in steps if o["status"] == "renewed"]
    assert renewed, "some step is the renovation of a closed diploma"
    for _, _, text in renewed:
        assert SENTENCE in text and "à confirmer avec l'établissement" in text
    for p in r.json()["pathways"]:  # a pathway of open offers only never says so
        offers = [next(o for o in st["offers"] if o["chosen"]) for st in p["steps"][1:]]
        if all(o["status"] == "open" for o in offers):
            assert SENTENCE not in " ".join(p["score"]["explanation"])


def test_an_actor_lists_a_renewed_offer_once_not_beside_its_closed_predecessor(
    client: TestClient,
) -> None:
    """The files list the BTSA ACSE under its closed code; the import carries each offer on under
    the renovation. The establishment's page shows one line, the renovated offer naming the
    old code, not two « BTSA ACSE » a reader would add up (a national review found « CAP
    cuisine » twice, 24 places each, at 0342225J)."""
    offers = client.get(f"/diplomas/{ACSE_NEW}").json()["offers"]
    renewed = [o for o in offers if o["status"] == "renewed"]
    assert renewed
    for o in renewed:
        page = client.get(f"/actors/{o['actor']}").json()
        lines = [
            x
            for x in page["offers"]
            if x["diploma"] in (ACSE_OLD, ACSE_NEW) and x["modality"] == o["modality"]
        ]
        assert [x["diploma"] for x in lines] == [ACSE_NEW], lines
        assert lines[0]["renewed_from"] == [ACSE_OLD]
