"""The yearly figures of a pathway answer's offers (graph/pathways/history.py) are read only for
the offers the import may describe: an imported offer, or a seed or edited offer an imported twin
was merged into. An answer that shows neither reads nothing; an edited offer merged with an
imported twin still shows the import's years. Real engines, the Lot and Aveyron fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.edits import OfferCreate, create_offer
from graph.ingest.opendata import run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.store import GraphStore
from tests.conftest import SEEDS, make_settings

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata"
BTS, DECAZEVILLE = "32025415", "lycee-la-decouverte-decazeville"  # its 2022-2024 BTS figures
ASK: dict[str, str | int] = {
    "from": "40025411",
    "to_level": 5,
    "departements": "12,46",
    "limit": 50,
}
# the seed's offer cites the 2024 file (seeds/); the import's twin is merged into it
SEED_SOURCE = (
    "opendata BTS_attractivite_capacite_2024.csv (UAI 0120006S, MEFSTAT11 32211025415 → CFD "
    "32025415 via nMef.csv, STATUT Scolaire, CAPACITEPSUP 24, NB_VOEUX_CONFIRMES 126)"
)
SRC = "Courrier du lycée, 2026 (test)"


def _counting(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    read = store.read

    def counted(name: str, /, **params: Any) -> list[dict[str, Any]]:
        names.append(name)
        return read(name, **params)

    monkeypatch.setattr(store, "read", counted)
    return names


def _offers(client: TestClient, actor: str) -> list[dict[str, Any]]:
    r = client.get("/pathways", params=ASK)
    assert r.status_code == 200, r.text
    return [
        o
        for p in r.json()["pathways"]
        for s in p["steps"]
        if s["code"] == BTS
        for o in s["offers"]
        if o["actor_id"] == actor and o["modality"] == "school"
    ]


def test_histories_are_read_for_imported_offers_and_their_seed_or_edited_twins(
    new_store: Callable[..., GraphStore], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store()
    load_seeds(store, load_seed_dir(SEEDS))
    reads = _counting(store, monkeypatch)
    app = create_app(make_settings(tmp_path / "unused", pathway_answer_cache=False), store=store)
    with TestClient(app) as client:
        # seeds only: no offer the import describes, so no history read
        r = client.get("/pathways", params=ASK).json()
        shown = [o for p in r["pathways"] for s in p["steps"] for o in s["offers"]]
        assert shown and all(o["history"] == [] for o in shown)
        assert "pathway_offer_history" not in reads

        run_import(store, FIX, departements=["12", "46"])
        # the seed's offer, merged with its imported twin: the import's years
        merged = _offers(client, DECAZEVILLE)
        assert [o["source"] for o in merged] == [SEED_SOURCE]
        assert [y["year"] for y in merged[0]["history"]] == [2022, 2023, 2024]

        # an edited offer of the same establishment, diploma and modality (another site): the
        # imported twin is merged into one of the two, and both show its years
        site = store.read("actor_get", id="lycee-champollion-figeac")[0]["actor"]["insee"]
        create_offer(
            store,
            "test",
            OfferCreate(actor=DECAZEVILLE, diploma=BTS, site=site, modality="school", source=SRC),
        )
        reads.clear()
        edited = _offers(client, DECAZEVILLE)
        assert sorted(o["source"] for o in edited) == sorted([SRC, SEED_SOURCE])
        assert all(o["history"] == merged[0]["history"] for o in edited)
        assert "pathway_offer_history" in reads
