"""Inferred continuations written by `cmq import opendata` when the directory holds the
nomenclatures (evidence), and the pathway ranking by their strength; real embedded FalkorDB."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.opendata import run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.models import DiplomaType
from graph.pathways import PathwayQuery, find_pathways
from graph.pathways.data import LEG_FIELDS
from tests.conftest import SEEDS, make_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorDBStore]:
    """Seeds, then the Lot/Aveyron fixtures plus the evidence files (Certif Info…)."""
    tmp = tmp_path_factory.mktemp("continuations")
    data = tmp / "opendata"
    shutil.copytree(FIXTURES / "opendata", data)
    for f in (FIXTURES / "continuations" / "files").iterdir():
        if f.name != "nFormationDiplome_.csv":  # the opendata fixture has its own BCN cut
            shutil.copy(f, data / f.name)
    s = FalkorDBStore(make_settings(tmp / "db"))
    load_seeds(s, load_seed_dir(Path(SEEDS)))
    run_import(s, data)
    yield s
    s.close()


def _legs(store: FalkorDBStore, code: str) -> list[dict]:
    rows = store.read("pathway_legs_from", codes=[code])
    return [{"to": r["target"], **dict(zip(LEG_FIELDS, r["leg"], strict=True))} for r in rows]


def test_inferred_legs_keep_their_evidence_and_strength(store: FalkorDBStore) -> None:
    legs = [leg for leg in _legs(store, "40023004") if leg["passerelle_origin"] == "inferred"]
    assert legs, "no inferred leg from Bac pro Technicien d'études du bâtiment option A"
    mv = next(leg for leg in legs if leg["to"] == "32023012")  # BTS Bâtiment
    assert mv["strength"] >= 0.6 and "partagent les métiers ROME F1202" in mv["evidence"]
    assert all(leg["strength"] <= mv["strength"] for leg in legs)
    row = store.read("passerelle_get", id=mv["passerelle_id"])[0]["passerelle"]
    assert row["strength"] == mv["strength"] and row["evidence"] == mv["evidence"]
    assert "certif_info.csv" in row["source"] and "Correspondance : partagent" in row["conditions"]


def test_no_leg_crosses_fields_apart(store: FalkorDBStore) -> None:
    commerce = {leg["to"] for leg in _legs(store, "40031213")}
    assert not commerce & {"32025215", "32025216", "32025217", "32022316"}
    assert "32031213" in commerce  # Bac pro MCV A -> BTS MCO (national table)


def test_ranking_follows_the_strength(store: FalkorDBStore) -> None:
    q = PathwayQuery(
        start_codes=["40023004"], start_label="x", to_type=DiplomaType.BTS, max_steps=1, limit=10
    )
    answer = find_pathways(store, q)
    assert answer.pathways and answer.pathways[0].steps[-1].code == "32023012"
    weak = [p.score.components.get("weak_evidence", 0.0) for p in answer.pathways]
    assert weak[0] == max(weak) and min(weak) < weak[0]
    assert any(
        "de ce que les deux diplômes ont en commun" in e
        for e in answer.pathways[0].score.explanation
    )


def test_a_seed_diploma_named_by_the_bcn_text_takes_its_readable_label(
    store: FalkorDBStore,
) -> None:
    """The national table names its diplomas by the BCN's upper-case text; once Certif Info
    gives the same diploma's readable label, answers read it (the BCN text stays official)."""
    row = store.read("diploma_get", code="40022106")[0]
    diploma = row.get("diploma", row)
    assert (diploma["name"], diploma["official_name"]) == ("Bac pro cuisine", "CUISINE (BAC PRO)")
