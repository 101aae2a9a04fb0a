"""Names of places and establishments as a counsellor reads them, on rows of the national files
(``tests/fixtures/opendata_names18/``: the Loire, the Vendée, one CFA of Angers, Sciences Po
Lyon; make_fixture.py says which rows):

- one form of a municipal arrondissement: the ESR list's « Lyon 7e » is shown as the commune
  reference's « Lyon 7e Arrondissement », as every other file's (graph/communes.py
  ``spelt_as_reference``);
- the town in an establishment's name written as the commune reference writes it: Parcoursup's
  « IFSI CH LA ROCHE SUR YON » was shown « IFSI CH la Roche sur Yon » (establishment_names.py
  ``with_official_place``);
- a CFA named by the CFA list only, whose patronyme fills the column's 30 characters, ends with
  « … » instead of showing a cut word as whole (cfa_names.py ``marked_cut``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_names18"

client = imported_client_fixture(FIXTURE, national_table=True)


def get(client: TestClient, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_municipal_arrondissement_has_one_name(client: TestClient) -> None:
    sciences_po = get(client, "/actors/0690173N")
    assert sciences_po["commune"] == "Lyon 7e Arrondissement", sciences_po["commune"]
    listed = get(client, "/actors", q="Sciences Po Lyon", limit=20)["items"]
    assert {a["commune"] for a in listed if a["uai"] == "0690173N"} == {"Lyon 7e Arrondissement"}


def test_the_town_in_a_name_is_written_as_the_commune_reference_writes_it(
    client: TestClient,
) -> None:
    ifsi = get(client, "/actors/0851609M")
    assert ifsi["name"] == "IFSI CH La Roche-sur-Yon", ifsi["name"]
    assert ifsi["commune"] == "La Roche-sur-Yon"
    iut = get(client, "/actors/0420957M")
    assert iut["name"].endswith("de Saint-Étienne"), iut["name"]
    # a name naming no town is left as it is
    names = {a["name"] for a in get(client, "/actors", departement="85", limit=200)["items"]}
    assert "IFSI CH la Roche sur Yon" not in names


def test_a_cfa_name_cut_at_its_column_says_so(client: TestClient) -> None:
    cfa = get(client, "/actors/0421567A")
    assert cfa["name"] == "Centre de formation d'apprentis Interprofess de la Loire les M…", cfa[
        "name"
    ]
    # a name shorter than the column is whole: no mark
    names = [a["name"] for a in get(client, "/actors", departement="42", limit=200)["items"]]
    assert any(n.startswith("Centre de formation") and not n.endswith("…") for n in names)


def test_about_credits_the_file_each_name_is_taken_from(client: TestClient) -> None:
    # 0490985E is described by the CFA list (read first) and the Parcoursup extract, whose name
    # is shown: the Parcoursup extract is credited, not the CFA list (as before)
    from tests.fixtures.national_cut import CFA, PARCOURSUP, UAI_COLUMN, rows

    cfa = {r[UAI_COLUMN[CFA]] for r in rows(FIXTURE / CFA)[1]}
    psup = {r[UAI_COLUMN[PARCOURSUP]] for r in rows(FIXTURE / PARCOURSUP)[1]}
    assert "0490985E" in cfa & psup
    named_by = get(client, "/about")["imported"]["establishments"]["named_by"]
    assert named_by[CFA] == len(cfa - psup), named_by
    assert get(client, "/actors/0490985E")["name"].startswith("CFA de la CCI du Maine et Loire")


def test_an_iut_is_found_with_or_without_the_dots_of_its_acronym(client: TestClient) -> None:
    """Parcoursup writes most IUTs « I.U.T de … »: « iut » or « IUT de Roanne » found nothing,
    only « I.U.T » did (a tester's search in La Réunion, Martinique and Rouen)."""

    def uais(q: str) -> set[str]:
        return {a["uai"] for a in get(client, "/actors", q=q, limit=50)["items"]}

    names = {a["uai"]: a["name"] for a in get(client, "/actors", q="I.U.T", limit=50)["items"]}
    assert "I.U.T" in names["0422048Y"], names  # the name keeps the file's dots
    assert {"0420957M", "0422048Y", "0851457X"} <= uais("iut")
    assert uais("IUT de Roanne") == {"0422048Y"}
    assert "0851457X" in uais("iut la roche sur yon")
    assert "0422048Y" in uais("I.U.T. Roanne")
    assert uais("iut roannes") == set()
