"""The seeds say what their documents say, no more (issue 11; docs/seed-corrections.md)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from graph.ingest.seeds import build_seed_set, load_seed_dir, parse_seed_file
from tests.conftest import SEEDS

FIGURES = ("rate", "entrant_share", "reserved_share")


def _passerelles(client: TestClient, **params: str) -> list[dict]:
    return client.get("/passerelles", params={"limit": 500, **params}).json()["items"]


def test_campus_wide_figures_sit_on_no_pair(seed_client: TestClient) -> None:
    """A campus-wide figure (share of entrants, reserved places) is a fact of the campus: the
    documents name no (from, to) pair of diplomas for any figure, so no pair carries one."""
    pairs_with_figure = sum(
        len(p["from_codes"]) * len(p["to_codes"])
        for p in _passerelles(seed_client, origin="documented")
        if any(p.get(f) is not None for f in FIGURES)
    )
    assert pairs_with_figure == 0
    figures = seed_client.get("/campuses/mecanic-vallee").json()["figures"]
    seventy = next(f for f in figures if f["kind"] == "entrant_share")
    assert seventy["from_types"] == ["bac_pro"] and seventy["to_types"] == ["bts"]
    assert "70%" in seventy["source"]


def test_documented_passerelles_name_their_pairs(seed_client: TestClient) -> None:
    documented = {p["id"]: p for p in _passerelles(seed_client, origin="documented")}
    # no passage names a CQPM / FCIL -> Bac pro pair, nor which diplomas VAE would lead to
    assert not any("MV-CQPM" in p["from_codes"] for p in documented.values())
    assert "mv-vae-diplomes-campus" not in documented
    # the 70 % sentence names no pair: no documented Bac pro -> BTS passerelle rests on it
    assert "mv-bacpro-industrie-vers-bts" not in documented
    # each documented passerelle says where it holds; establishment-scoped ones name them
    assert all(p["scope"] for p in documented.values())
    mines = documented["mv-bac2-vers-ingenieur-mines-albi-apprentissage"]
    assert mines["scope"] == "actors" and "mines-albi" in mines["scope_actors"]


def test_reviewed_records(seed_client: TestClient) -> None:
    monteil = seed_client.get("/actors/lycee-alexis-monteil-rodez").json()
    assert monteil["boarding_places"] is None  # « 540 internes » are pupils, not places
    assert any("540 internes" in f["text"] for f in monteil["facts"])
    for client_of_pft in ("mti-figeac-aero", "at2d", "sellerie-gaston-mercier"):
        assert seed_client.get(f"/actors/{client_of_pft}").json()["memberships"] == []
    support = seed_client.get("/actors/lycee-la-decouverte-decazeville").json()["partners"]
    assert {p["id"] for p in support}.isdisjoint({"perform", "lycee-louis-rascol-albi"})
    region = seed_client.get("/actors/region-occitanie").json()
    assert region["partners"] == []
    assert any("avis favorable" in f["text"] for f in region["facts"])
    names = {a["name"] for a in seed_client.get("/actors", params={"q": "gtec"}).json()["items"]}
    assert names == {"GTEC Ouest Aveyron", "GTEC Pays de Figeac"}
    campus = seed_client.get("/campuses/mecanic-vallee").json()
    assert any("Parcours Avenir" in f["text"] for f in campus["facts"])


def test_diplomas_closed_in_the_bcn_are_not_open(seed_client: TestClient) -> None:
    for code in ("40025106", "40025107", "40025007", "35025101", "35031201", "35020007"):
        offers = seed_client.get(f"/diplomas/{code}").json()["offers"]
        assert offers and {o["status"] for o in offers} == {"closed"}, code


def test_a_record_in_several_files_keeps_every_file_facts() -> None:
    files = {p: parse_seed_file(p) for p in sorted(Path(SEEDS).glob("*.toml"))}
    shared: dict[str, list[Path]] = {}
    for path, sf in files.items():
        for a in sf.actors:
            shared.setdefault(a.id, []).append(path)
    seeds = load_seed_dir(Path(SEEDS))
    several = {k: v for k, v in shared.items() if len(v) > 1}
    assert "region-auvergne-rhone-alpes" in several
    for actor_id, paths in several.items():
        merged = seeds.actors[actor_id]
        for path in paths:
            rec = next(a for a in files[path].actors if a.id == actor_id)
            assert set(rec.facts) <= set(merged.facts), (actor_id, path.name)
            assert set(rec.sectors) <= set(merged.sectors), (actor_id, path.name)
    # and the order of the files does not matter
    backwards = build_seed_set(dict(reversed(list(files.items()))))
    region = "region-auvergne-rhone-alpes"
    assert set(backwards.actors[region].facts) == set(seeds.actors[region].facts)


def test_merged_facts_reach_the_node(seed_client: TestClient) -> None:
    facts = seed_client.get("/actors/region-auvergne-rhone-alpes").json()["facts"]
    documents = {f["source"][:3] for f in facts}
    assert {"002", "003"} <= documents


def test_an_inferred_passerelle_names_its_rule_not_a_repository_page(
    seed_client: TestClient,
) -> None:
    """An inferred passerelle's `source` gave every client « inferred by rule bac-pro-to-bts
    (docs/inferred-passerelles.md) », a file of the repository (tester22): now the rule's
    stable id (its `rule`), its French wording in `conditions`, and the citation French."""
    inferred = _passerelles(seed_client, origin="inferred")
    assert inferred
    for p in inferred:
        assert p["source"].startswith(f"inferred by rule {p['rule']}"), p
        assert "docs/" not in p["source"] and ".md" not in p["source"], p
        assert p["conditions"]
