"""Answers a counsellor's review of the national files found wrong, on each real engine: the
fixture (tests/fixtures/opendata_honest18, its make_fixture.py says what it keeps) is a cut of
Paris (75) and of the Haute-Vienne (87).

- A licence pro the Université de Limoges teaches « Entierement en distanciel » (its own
  Parcoursup label; the university also teaches on site): from Paris, the answer said « le plus
  proche : Université de Limoges … à 346 km », a distance learning programme as a far place.
- `home` and `radius_km` without `near` were refused (« near » et « radius_km » vont
  ensemble): the radius is now drawn around the home, and said so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_honest18"
client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)

BTS_SIO_SLAM = "32032614"
LP_WEB = "2503263D"


def _said(got: dict[str, Any]) -> str:
    return " ".join([*got["notices"], got["reason"] or ""])


def test_a_programme_taught_at_a_distance_is_no_far_place(client: TestClient) -> None:
    got = ask(client, **{"from": BTS_SIO_SLAM}, to=LP_WEB, near="75056", radius_km=10)
    said = _said(got)
    assert not got["pathways"], got["pathways"]
    assert "proposé à distance : Université de Limoges (formation à distance" in said, said
    assert "le plus proche" not in said and " km à vol" not in said, said


def test_a_radius_with_a_home_and_no_centre_is_drawn_around_home(client: TestClient) -> None:
    got = ask(client, **{"from": BTS_SIO_SLAM}, to=LP_WEB, home="75056", radius_km=10)
    assert got["territory_phrase"] == "dans un rayon de 10 km autour du domicile (Paris)", got
    # (the fixture's files describe no licence pro in apprenticeship: said between the two)
    reason = got["reason"]
    assert (
        "aucune offre de Métiers de l'informatique : applications WEB (LP) dans un rayon de "
        "10 km autour du domicile (Paris)" in reason
    ), reason
    assert "; proposé à distance : Université de Limoges" in reason, reason
    # neither home nor near: still refused
    refused = client.get("/pathways", params={"from": BTS_SIO_SLAM, "to": LP_WEB, "radius_km": 10})
    assert refused.status_code == 422, refused.text
    assert "« near » et « radius_km » vont ensemble" in refused.text, refused.text
