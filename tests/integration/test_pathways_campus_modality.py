"""A modality only a campus's own data describes for a kind of diploma speaks for the campus's
territory, not for the country (graph/pathways/undescribed.py, ``is_undescribed``), on each
real engine: the seeds (the Mecanic Vallée data names a Bac pro in continuing education) and
the fourth round's cut of the national files, which describe no Bac pro in continuing
education. A tester read « aucune offre en formation continue de Bac pro … autour de Guéret ;
aucune offre en formation continue connue ailleurs » as a fact of the Creuse."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, SEEDS, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences
from tests.integration.test_honest_answers_round4 import BAC_CUISINE, CAP_CUISINE, FIXTURE

client = imported_client_fixture(FIXTURE, seeds=SEEDS, as_of=FIXED_DAY)


def test_a_campus_modality_does_not_filter_another_territory(client: TestClient) -> None:
    answer = ask(
        client,
        **{"from": CAP_CUISINE, "to_type": "bts", "departements": "13", "modality": "continuing"},
    )
    assert answer["pathways"], answer["reason"]
    bac = answer["pathways"][0]["steps"][1]
    assert bac["code"] == BAC_CUISINE and bac["modality_not_described"] is True, bac
    assert {o["modality"] for o in bac["offers"]} == {"school"}  # the offers known
    assert any(
        n.startswith(
            "Les fichiers publics importés ne décrivent pas la formation continue pour les "
            "bacs pro (niveau 4)"
        )
        for n in answer["notices"]
    ), answer["notices"]
    assert not any("aucune offre en formation continue" in t for t in sentences(answer))
    assert_plain_french(sentences(answer))


def test_a_licence_pro_asked_with_a_job_carries_the_upper_levels_warning(
    client: TestClient,
) -> None:
    """Paris, from level 5 to a licence pro for a developer's job (tester18): the answer
    said nothing of the files' reach at Bac+3 — the warning was kept for questions without a
    job. A job of the seeds here (I1304, Auto-mobilités)."""
    got = ask(client, from_level=5, to_type="licence_pro", job="I1304", departements="46")
    said = " ".join([*got["notices"], got["reason"] or ""])
    assert "Aux niveaux Bac+3 et Bac+5, les données ne connaissent que" in said, said
