"""Pathway ranking as a counsellor reads it (issue 11), on each real engine, over a fixture cut
from the national files (tests/fixtures/opendata_rank/, its make_fixture.py says what is kept)
with the national continuation table (seeds/continuations-nationales.toml), a test campus of the
Allier offering a licence professionnelle and its documented passerelle from the BTS
électrotechnique to it (tests/fixtures/seeds_rank/).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ask, imported_client_fixture

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BREST = "48.390,-4.486"
REDON = "47.651,-2.084"
BRETAGNE = "22,29,35,56"
CAP_BOUCHER, CAP_BOUCHER_OLD, BAC_PRO_BCT = "50022143", "50022135", "40022104"
CAP_CUISINE, BAC_PRO_CUISINE = "50022146", "40022106"
BTS_ELEC = "32025520"


client = imported_client_fixture(
    FIXTURES / "opendata_rank",
    national_table=True,
    extra_seeds=tuple((FIXTURES / "seeds_rank").glob("*.toml")),
)


def codes(p: dict[str, Any]) -> tuple[str, ...]:
    return tuple(s["code"] for s in p["steps"])


def chosen(step: dict[str, Any]) -> dict[str, Any]:
    return next(o for o in step["offers"] if o["chosen"])


def test_a_much_closer_reasonable_continuation_scores_first(client: TestClient) -> None:
    """A CAP-level learner of Brest: the Bac pro maintenance des véhicules 2 km away (inferred
    from strong shared evidence) scores above the Bac pro cuisine 123 km away, although that
    one is documented and of the same field (+6): beyond a daily commute the km weigh more.
    (It ranked first until fixes25a: its 1re pro closes at the rentrée 2026 in nMef, and a
    step whose entry the files say closed is now ranked last whatever its score, said so.)"""
    answer = ask(client, from_level=3, to_level=4, departements=BRETAGNE, home=BREST, limit=20)
    paths = answer["pathways"]
    near = next(p for p in paths if chosen(p["steps"][1])["distance_km"] < 5)
    cuisine = next(p for p in paths if codes(p) == (CAP_CUISINE, BAC_PRO_CUISINE))
    assert chosen(cuisine["steps"][1])["distance_km"] > 100
    assert cuisine["steps"][1]["passerelle"]["origin"] == "documented"
    assert cuisine["score"]["components"]["same_field"] > 0
    assert near["score"]["total"] > cuisine["score"]["total"]
    # every far step scores below every near step of the same kind of leg
    for p in paths:
        if chosen(p["steps"][1])["distance_km"] > 100:
            assert all(
                q["score"]["total"] > p["score"]["total"]
                for q in paths
                if chosen(q["steps"][1])["distance_km"] < 5
                and q["steps"][1]["passerelle"]["origin"] == p["steps"][1]["passerelle"]["origin"]
            )
    # the near one is last only for its closed entry, and the answer says why
    assert any("plus d'entrée possible" in n for n in near["steps"][1]["notes"])
    assert any("est classé après les autres" in n for n in answer["notices"]), answer["notices"]


@pytest.mark.parametrize("start", [CAP_BOUCHER, CAP_BOUCHER_OLD])
def test_the_usual_continuation_missing_here_is_said_first_and_offered(
    client: TestClient, start: str
) -> None:
    """CAP boucher, Redon (35): the Bac pro boucher charcutier traiteur is offered in no
    establishment of the 35 in the files. The answer says so first, with the nearest place and
    its distance, and offers it (outside, flagged) beside the options of the territory."""
    answer = ask(client, **{"from": start, "to_level": 4, "departements": "35", "home": REDON})
    first = answer["notices"][0]
    assert first.startswith("La suite habituelle, ")
    assert (
        "n'est proposée dans aucun établissement du département d'Ille-et-Vilaine (35) dans les "
        "données importées ; "
        "elle l'est à " in first
    )
    # Parcoursup places it, no file names its commune: the one whose contour holds its
    # position (it was « près de Panazol », the nearest town hall's: graph/commune_contours.py)
    said = "km à vol d'oiseau du domicile : Lycée des Métiers Jean Monnet (Limoges, Haute-Vienne)."
    assert said in first
    usual = next(p for p in answer["pathways"] if codes(p)[-1] == BAC_PRO_BCT)
    step = usual["steps"][-1]
    assert step["outside_territory"] and step["passerelle"]["origin"] == "documented"
    assert 300 < chosen(step)["distance_km"] < 350
    assert any("hors du territoire demandé" in s for s in usual["score"]["explanation"])
    km = f"{chosen(step)['distance_km']:.0f} km"
    assert f"elle l'est à {km}" in first
    if start == CAP_BOUCHER:  # beside the options of the territory, ranked by their score
        inside = [p for p in answer["pathways"] if not p["outside_steps"]]
        assert inside and all(chosen(p["steps"][-1])["departement"] == "35" for p in inside)
        assert inside[0]["rank"] < usual["rank"]


def test_no_usual_notice_where_it_is_offered(client: TestClient) -> None:
    answer = ask(client, **{"from": CAP_BOUCHER, "to_level": 4, "departements": "87"})
    assert not any(n.startswith("La suite habituelle") for n in answer["notices"])
    assert codes(answer["pathways"][0]) == (CAP_BOUCHER, BAC_PRO_BCT)


def test_to_type_answers_are_among_to_level_answers(client: TestClient) -> None:
    """BTS électrotechnique, Puy-de-Dôme (063): the files hold level-6 programmes there (BUT)
    that no known passerelle reaches, and no licence professionnelle. ``to_level=6`` and
    ``to_type=licence_pro`` both say why first, then offer the same licence outside, with the
    same score: the best licence pro under ``to_level`` is the top of ``to_type``."""
    base = {"from": BTS_ELEC, "departements": "63", "limit": 50}
    by_type = ask(client, to_type="licence_pro", **base)
    by_level = ask(client, to_level=6, **base)
    assert by_type["pathways"] and by_level["pathways"]
    assert "aucune licence professionnelle" in by_type["notices"][0]
    assert "contiennent des formations de ce niveau" in by_level["notices"][0]
    level_lp = [p for p in by_level["pathways"] if p["steps"][-1]["type"] == "licence_pro"]
    scores = {codes(p): p["score"]["total"] for p in level_lp}
    assert codes(level_lp[0]) == codes(by_type["pathways"][0])
    for p in by_type["pathways"]:
        if len(p["steps"]) == 2:  # a longer one stops at its first level-6 step under to_level
            assert scores[codes(p)] == p["score"]["total"]


def test_far_places_outside_are_named_not_proposed(client: TestClient) -> None:
    """From Brest, the only licence professionnelle a known passerelle reaches is in the Allier,
    about 540 km away: beyond 150 km it is not proposed as a pathway; the answer says where it
    is and how far, after saying that the territory holds none."""
    answer = ask(
        client, **{"from": BTS_ELEC, "to_type": "licence_pro", "departements": "29", "home": BREST}
    )
    assert answer["pathways"] == []
    assert answer["notices"][0] == (
        "Les données importées ne contiennent aucune licence professionnelle dans le "
        "département du Finistère (29)."
    )
    reason = answer["reason"]
    assert reason.startswith(answer["notices"][0])
    nearest = "le parcours connu le plus proche passe par Mécanique électricité électronique"
    assert nearest in reason
    assert "IUT de l'Allier" in reason and "au-delà de 150 km, il n'est pas proposé" in reason
