"""A fact of one campus never speaks for another territory (docs/gaps.md « Another
territory's filière »), on each real engine, over the real seeds and a cut of the national files
(``tests/fixtures/opendata_jobhonest/``: Puy-de-Dôme, Loire-Atlantique, Guadeloupe).

A reviewer found the Mecanic Vallée's « Soudeurs » asked for Grand Est read « absents : CAP
(3), Bac+2 (5) », medium, with no source: only the diplomas the campus tagged were its training
there. And the second « Soudeurs » row of its recruitment table, used as a job goal, answered
that no diploma prepares for it, though Certif Info links the Bac pro chaudronnerie to H2913."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.pathways.elsewhere import ELSEWHERE_ONLY
from tests.conftest import SEEDS, StoreMaker, ask, imported_client
from tests.integration.test_gaps_round4 import report
from tests.integration.test_honest_answers import assert_plain_french

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_jobhonest"


@pytest.fixture(scope="module")
def client(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    yield from imported_client(
        session_stores(), FIXTURE, tmp_path_factory, seeds=SEEDS, as_of=date(2026, 12, 5)
    )


def _continuum(client: TestClient, **params: str) -> dict[str, Any]:
    section = report(client, **params)["continuum_breaks"]
    assert len(section["findings"]) == 1, section["findings"]
    return section["findings"][0]


def test_another_campus_filiere_is_read_from_public_links(client: TestClient) -> None:
    """Loire-Atlantique, « Soudeurs » of the Mecanic Vallée: its training there is what
    Certif Info links to H2913, said so, cited, and a level without such a diploma is to
    check, not a break."""
    found = _continuum(client, departements="44", sector="soudeurs")
    assert found["severity"] == "low"
    assert "absents" not in found["why"].lower()
    assert "est décrit par le campus CMQ Mecanic Vallée, hors de ce territoire" in found["why"]
    # the job by its name, never its code (« ROME H2913 » was shown)
    assert "métiers (« Soudeur / Soudeuse »)" in found["why"]
    assert "H2913" not in found["why"]
    assert found["data"]["levels_missing"] == []
    assert found["data"]["linked_by"] == {"rome": ["H2913"], "nsf": []}
    assert any(s.startswith("certif_info.csv") for s in found["sources"])


def test_the_campus_tags_are_not_read_outside_its_territory(client: TestClient) -> None:
    """Puy-de-Dôme (Campus Entreprises de Clermont, not the Mecanic Vallée): the offers counted
    for « Soudeurs » are exactly those whose diploma Certif Info links to H2913."""
    found = _continuum(client, departements="63", sector="soudeurs")
    assert found["severity"] == "low" and found["data"]["offers"] >= 1
    assert found["data"]["levels_offered"] == [4]
    assert "Bac (4)" in found["why"] and "à vérifier" in found["why"]


def test_a_filiere_without_public_link_is_not_offered_elsewhere(client: TestClient) -> None:
    """« Cadres » (no ROME code, no NSF group): nothing public says what trains for it
    outside the Mecanic Vallée — a clear French refusal, not a report of the campus's tags."""
    r = client.get("/gaps", params={"departements": "44", "sector": "cadres"})
    assert r.status_code == 422, r.text
    assert "décrit par le campus CMQ Mecanic Vallée" in r.json()["detail"]


def test_the_campus_own_territory_keeps_its_filiere_and_cites_it(client: TestClient) -> None:
    """In the Lot and the Aveyron the campus speaks: its continuum is judged, citing the
    campus document that names the filière."""
    found = _continuum(client, departements="12,46", sector="soudeurs")
    assert "hors de ce territoire" not in found["why"]
    assert found["sources"][0].startswith("004_4d74e85f9a48366b.txt")


@pytest.mark.parametrize("job", ["soudeurs", "soudeurs-2"])
def test_a_sector_goal_resolves_to_its_rome_codes(client: TestClient, job: str) -> None:
    """The second « Soudeurs » row (tagged on no diploma) is the job H2913: the same
    diplomas as the ROME code, never « Aucun diplôme … ne l'y rattachent »."""
    by_sector = ask(client, from_level=4, job=job, departements="63")
    by_rome = ask(client, from_level=4, job="H2913", departements="63")
    reason = by_sector["reason"] or ""
    assert "Aucun diplôme des données importées" not in reason
    # a Bac pro of metal work leads to the certificat de spécialisation (not offered in the 63)
    assert "aucune offre de Certificat de spécialisation technicien en soudage" in reason
    assert by_sector["count"] == by_rome["count"]


def test_a_campus_passerelle_is_shown_with_where_it_holds(client: TestClient) -> None:
    """The BTS maintenance des systèmes (a national diploma): its next steps into the Mecanic
    Vallée's own programmes and its documented passerelles say the campus and the
    départements they hold in, each diploma once (two inferred legs came twice)."""
    r = client.get("/diplomas/32025014")
    assert r.status_code == 200, r.text
    nxt = r.json()["next"]
    codes = [n["code"] for n in nxt]
    assert len(codes) == len(set(codes)), codes
    local = [n for n in nxt if n["code"].startswith("MV-")]
    assert local, codes
    for n in local:
        assert n["campus"] == "CMQ Mecanic Vallée", n
        assert "pas ailleurs" in n["where"] and "Lot (46)" in n["where"], n
    assert all(n["where"] is None for n in nxt if n["campus"] is None)


def test_no_pathway_says_the_passerelles_of_another_territory(client: TestClient) -> None:
    """From that BTS to an engineering degree in Loire-Atlantique: no pathway, and the
    reason says in one sentence that local passerelles lead there elsewhere, instead of
    « Aucune passerelle connue » alone — without listing another territory's diplomas
    (tester22: Mines Albi and a CPGE ATS at Figeac named to a learner in Metz)."""
    answer = ask(client, **{"from": "32025014", "to_type": "ingenieur", "departements": "44"})
    assert answer["count"] == 0
    reason = answer["reason"]
    assert ELSEWHERE_ONLY in reason, reason
    assert "Mines" not in reason and "pas ailleurs" not in reason, reason


def test_a_sector_start_resolves_to_its_rome_codes(client: TestClient) -> None:
    """A start by level in a sector: the second « Soudeurs » row starts from the same
    diplomas as H2913."""
    by_sector = ask(client, from_level=4, sector="soudeurs-2", to_level=5, departements="63")
    by_rome = ask(client, from_level=4, sector="H2913", to_level=5, departements="63")
    assert by_rome["count"] >= 1
    assert by_sector["count"] == by_rome["count"]
    starts = {p["steps"][0]["code"] for p in by_sector["pathways"]}
    assert starts == {p["steps"][0]["code"] for p in by_rome["pathways"]}


# The diploma only the Mecanic Vallée ties to the job H2902 (its « Chaudronniers »): the
# « réalisation d'ensembles mécaniques et industriels » 2de commune, offered in the Aveyron and
# the Lot by the campus file; Certif Info links it to no job.
MREMI_2NDE = "40020103"


def _goals(answer: dict[str, Any]) -> set[str]:
    return {p["steps"][-1]["code"] for p in answer["pathways"]}


@pytest.mark.parametrize(
    "where",
    [{"departements": "63", "allow_outside": "true"}, {}],
    ids=["puy-de-dome-outside-allowed", "whole-country"],
)
def test_a_job_goal_outside_the_campus_reads_public_links_only(
    client: TestClient, where: dict[str, str]
) -> None:
    """From the end of 3e to the job H2902, asked from the Puy-de-Dôme (steps outside
    allowed) or for the whole country: the campus's 2de commune, tied to the job by its file
    only, is no goal there (it was proposed, at Decazeville, as reaching the job); the answer
    says the goal's diplomas come from public links, to check, and names the one set aside.
    In the Aveyron the campus speaks: its 2de commune reaches the job, nothing said."""
    answer = ask(client, from_level=2, job="H2902", limit=50, **where)
    assert answer["count"] >= 1
    assert MREMI_2NDE not in _goals(answer)
    said = [n for n in answer["notices"] if "fichiers publics n'y rattachent pas" in n]
    assert len(said) == 1, answer["notices"]
    assert said[0].startswith("Le campus CMQ Mecanic Vallée rattache aussi au métier ROME H2902")
    assert "ensembles mécaniques" in said[0] and "à vérifier avec l'établissement" in said[0]
    inside = ask(client, from_level=2, job="H2902", departements="12", limit=50)
    assert MREMI_2NDE in _goals(inside)
    assert not any("fichiers publics" in n for n in inside["notices"]), inside["notices"]


def test_a_campus_sector_goal_elsewhere_is_said_to_come_from_public_links(
    client: TestClient,
) -> None:
    """« Mécanique de précision » (NSF 251) asked in the Puy-de-Dôme: its goal diplomas there
    are those of its NSF group, said so; none of the campus's tagged diplomas of another
    group is a goal."""
    answer = ask(client, from_level=2, job="mecanique-de-precision", departements="63")
    said = [n for n in answer["notices"] if n.startswith("« Mécanique de précision »")]
    assert len(said) == 1, answer["notices"]
    assert (
        "hors de ce territoire" in said[0]
        and "« Mécanique générale et de précision, usinage »" in said[0]
    )
    assert "NSF 251" not in said[0]  # the field by its name, not its code (evidence_words.py)
    assert "à vérifier avec l'établissement" in said[0]
    # the Bac pro TRPM (NSF 250) and the MREMI 2de commune (201): tagged by the campus only
    assert not _goals(answer) & {MREMI_2NDE, "40025014", "40025013"}


def test_a_campus_job_family_without_public_link_is_not_answered_elsewhere(
    client: TestClient,
) -> None:
    """« Cadres » (no ROME code, no NSF group) in Loire-Atlantique: the campus's engineering
    degrees are not named as preparing for it there; the gap report's refusal is the reason."""
    answer = ask(client, from_level=3, job="cadres", departements="44")
    assert answer["count"] == 0 and answer["pathways"] == []
    reason = answer["reason"]
    assert reason.startswith("« Cadres (commercial, RH, Ingénieurs) » est décrit par le campus")
    assert "aucun lien public" in reason
    assert "Mines" not in reason and "ingénieur mécanique" not in reason


def test_no_pathway_says_a_chain_of_passerelles_that_holds_elsewhere(client: TestClient) -> None:
    """From the Bac pro maintenance des systèmes de production connectés to an engineering
    degree in Loire-Atlantique: no direct passerelle leads there, but the BTS maintenance des
    systèmes then the Mecanic Vallée's engineering degrees do, whose last step holds in the
    Aveyron and the Lot only: said in one sentence, not « Aucune passerelle connue » alone,
    and not listed (tester22)."""
    answer = ask(client, **{"from": "40025012", "to_type": "ingenieur", "departements": "44"})
    assert answer["count"] == 0
    reason = answer["reason"]
    assert reason.count(ELSEWHERE_ONLY) == 1, reason
    assert "BTS maintenance des systèmes" not in reason and "pas ailleurs" not in reason, reason


def test_passerelles_elsewhere_are_said_only_to_a_diploma_of_the_goal_job(
    client: TestClient,
) -> None:
    """From the BTS maintenance des systèmes to a diploma of level 6 or more that prepares
    for the job H2913 (soudeur), in Loire-Atlantique: the campus's passerelles to its
    engineering degrees and licences lead to no diploma of that job, so none is named as
    leading to « un diplôme visé »."""
    answer = ask(
        client, **{"from": "32025014", "job": "H2913", "to_level": 6, "departements": "44"}
    )
    assert answer["count"] == 0
    assert "diplôme visé" not in answer["reason"], answer["reason"]


def test_a_start_field_of_another_campus_is_read_from_public_links(client: TestClient) -> None:
    """`from_level=4&sector=soudeurs` in Loire-Atlantique started from the diplomas the Mecanic
    Vallée tags « Soudeurs », a fact of the Lot and the Aveyron: there, its start diplomas are
    those Certif Info links to H2913, and the answer says so; in the campus's own territory
    its tags hold, without the notice."""
    outside = ask(client, from_level=4, sector="soudeurs", to_level=5, departements="44")
    by_rome = ask(client, from_level=4, sector="H2913", to_level=5, departements="44")
    said = [n for n in outside["notices"] if n.startswith("Départ « Soudeurs »")]
    assert said == [
        "Départ « Soudeurs » : cette filière est décrite par le campus CMQ Mecanic Vallée, hors "
        "de ce territoire ; les diplômes de départ ici sont ceux que les fiches Certif Info "
        "rattachent à ses métiers (« Soudeur / Soudeuse »), non ceux que les fiches du campus lui "
        "rattachent ; à vérifier avec l'établissement."
    ], outside["notices"]
    # the same starts as the job H2913 itself: the public link, no campus tag
    starts = {p["steps"][0]["code"] for p in outside["pathways"]}
    assert starts == {p["steps"][0]["code"] for p in by_rome["pathways"]}
    assert outside["count"] == by_rome["count"]
    home = ask(client, from_level=4, sector="soudeurs", to_level=5, departements="12,46")
    assert not any(n.startswith("Départ «") for n in home["notices"]), home["notices"]
    assert_plain_french(said)
