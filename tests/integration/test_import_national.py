"""`cmq import opendata` on fixtures cut from the national files (tests/fixtures/opendata_national,
make_fixtures.py there), on the real embedded FalkorDB: every rejected row reported and the rest
imported, the post-bac programmes of the Parcoursup extract, a name and a place for every
establishment, the diploma links (Certif Info, diplomesProfessionnels, familleMetiers)."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.cli import main as cli
from api.main import create_app
from graph.engines.falkordb_store import FalkorDBStore
from graph.errors import SeedError
from graph.ingest.opendata import run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import make_settings
from tests.integration.test_loader import _snapshot

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_national"
SEEDS_MINI = Path(__file__).resolve().parents[1] / "fixtures" / "seeds_mini"
MAX = 0.25  # the fixture keeps every rejected row of the country among few others
# every row the national import rejects (file -> reason -> count), all in the fixture
REJECTED = {
    "BTS_attractivite_capacite_2022.csv": {"invalid UAI": 9},
    "BTS_attractivite_capacite_2023.csv": {"invalid UAI": 12},
    "BTS_attractivite_capacite_2024.csv": {"invalid UAI": 18},
    "fr-esr-parcoursup_extrait.csv": {"invalid UAI": 2},
    "fr-esr-principaux-etablissements-enseignement-superieur.csv": {"place abroad": 4},
    "CFASousConvRegionale_latest-UAI.csv": {"place abroad": 1},
}


def q(store: FalkorDBStore, text: str, **params: object) -> list[list]:
    """Ad-hoc checks in tests only (the product reads through named queries)."""
    return store._db.select_graph(store.graph_name).query(text, params).result_set


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorDBStore]:
    """The national fixtures imported once. Tests must not modify it."""
    s = FalkorDBStore(make_settings(tmp_path_factory.mktemp("national") / "db"))
    s.summary = run_import(s, FIX, max_rejected=MAX)  # type: ignore[attr-defined]
    yield s
    s.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[FalkorDBStore]:
    s = FalkorDBStore(make_settings(tmp_path / "db"))
    yield s
    s.close()


# --- skip and report --------------------------------------------------------------------


def test_every_rejected_row_is_reported_by_file_and_reason_and_the_rest_imported(
    national: FalkorDBStore,
) -> None:
    summary = national.summary  # type: ignore[attr-defined]
    got = {
        f.name: {reason: len(rs) for reason, rs in f.rejected_by_reason().items()}
        for f in summary.files
        if f.rejected
    }
    assert got == REJECTED
    assert summary.rows_rejected == 46
    bad = {r.value for f in summary.files for r in f.rejected if r.reason == "invalid UAI"}
    assert {"088998SS", "C752887F", "T171435T"} <= bad
    assert not q(national, "MATCH (a:Actor) WHERE a.uai IN $bad RETURN a.uai", bad=sorted(bad))
    (n,) = q(national, "MATCH (:Actor)-[o:OFFERS]->(:Diploma) RETURN count(o)")[0]
    assert n > 500
    text = summary.format_text()
    assert "lignes rejetées (écartées, le reste importé) :" in text
    assert "fr-esr-parcoursup_extrait.csv : 2 × UAI invalide (lignes 40, 159)" in text


def test_every_row_read_is_kept_filtered_skipped_or_rejected(national: FalkorDBStore) -> None:
    """The summary's table adds up for every file: nationally nMef read 10 067 rows, kept
    1 080 and ignored 1, vFormationDiplome_ kept 1 960 of 11 261, communes_geonames 682 of
    2 910, with no word of the others (« filtrées » was 0 everywhere). The rows not needed are
    filtered, with a reason (tests/unit/test_import_parsers.py for nMef and the BCN)."""
    summary = national.summary  # type: ignore[attr-defined]
    assert {f.name: f.unaccounted for f in summary.files if f.unaccounted} == {}
    communes = next(f for f in summary.files if f.name == "communes_geonames.csv")
    reason = "commune of no imported establishment"
    assert communes.filtered == communes.left_out[reason] > 0
    text = summary.format_text()
    assert "lignes filtrées (non retenues : l'import n'en a pas besoin) :" in text
    assert f"communes_geonames.csv : {communes.filtered} × commune d'aucun établissement" in text
    total = summary.rows_used + summary.rows_filtered + summary.rows_skipped
    assert summary.rows_read == total + summary.rows_rejected
    said = f"{summary.rows_filtered:,} filtrées".replace(",", "\u202f")
    assert said in text.splitlines()[0]
    (doc,) = (f for f in summary.to_dict()["files"] if f["file"] == "communes_geonames.csv")
    assert doc["rows_filtered"] == doc["filtered"][reason]["rows"] == communes.filtered
    assert doc["filtered_by_departement"] == 0


def test_report_file_lists_every_rejected_and_skipped_row_as_json_or_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CMQ_DATA_DIR", str(tmp_path / "db"))
    monkeypatch.setenv("CMQ_GRAPH_URI", "embedded")
    base = ["import", "opendata", str(FIX), "--max-rejected", "25", "--dry-run", "--quiet"]
    assert cli([*base, "--report", str(tmp_path / "r.json")]) == 0
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    rejected = [r for r in doc["rows"] if r["kind"] == "rejected"]
    assert len(rejected) == doc["rows_rejected"] == 46
    abroad = {"reason": "place abroad", "column": "commune", "value": "99140"}
    cfa = {"file": "CFASousConvRegionale_latest-UAI.csv", "line": 28, "kind": "rejected"}
    assert {**cfa, **abroad} in rejected
    skipped = [r for r in doc["rows"] if r["kind"] == "skipped"]
    assert len(skipped) == doc["rows_skipped"] > 0
    assert cli([*base, "--report", str(tmp_path / "r.csv")]) == 0
    with (tmp_path / "r.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(doc["rows"])
    assert {(r["file"], r["line"], r["reason"]) for r in rows if r["kind"] == "rejected"} == {
        (r["file"], str(r["line"]), r["reason"]) for r in rejected
    }


def test_strict_stops_at_the_first_rejected_row_and_changes_nothing(store: FalkorDBStore) -> None:
    load_seeds(store, load_seed_dir(SEEDS_MINI))
    before = _snapshot(store)
    with pytest.raises(SeedError, match=r"line 222, field 'UAI'") as e:
        run_import(store, FIX, strict=True, max_rejected=MAX)
    assert e.value.path.name == "BTS_attractivite_capacite_2022.csv"
    assert _snapshot(store) == before


def test_a_file_past_the_rejected_threshold_stops_the_import_and_changes_nothing(
    store: FalkorDBStore,
) -> None:
    """With the default 5 %, the fixture's 2024 BTS file (18 invalid UAIs in 319 rows) is
    taken for a wrong file."""
    load_seeds(store, load_seed_dir(SEEDS_MINI))
    before = _snapshot(store)
    with pytest.raises(SeedError, match=r"18 lignes rejetées sur 319 \(5,6\s%.*18 × UAI invalide"):
        run_import(store, FIX)
    assert _snapshot(store) == before


# --- post-bac programmes ------------------------------------------------------------------


def test_parcoursup_programmes_become_offers_with_type_level_entry_and_place(
    national: FalkorDBStore,
) -> None:
    rows = q(
        national,
        "MATCH (a:Actor)-[o:OFFERS]->(d:Diploma) WHERE o.programme_label IS NOT NULL "
        "RETURN d.code, d.type, d.level, d.entry_level, d.admits_bac2, o.lat, o.lon, "
        "o.coords_precision, o.source",
    )
    by_type: dict[str, list[list]] = {}
    for r in rows:
        by_type.setdefault(r[1], []).append(r)
    assert {"bts", "but", "licence", "licence_pro", "cpge", "ingenieur"} <= set(by_type)
    for code, _, level, entry, bac2, lat, lon, precision, source in by_type["but"]:
        assert code.startswith("PS-BUT-") and level == 6 and entry == 4 and bac2 is True
        assert lat is not None and lon is not None and precision == "programme"
        assert source.startswith("fr-esr-parcoursup_extrait.csv")
    assert all(r[2] == 7 for r in by_type["ingenieur"])
    assert all(r[3] == 4 and r[4] is False for r in by_type["licence"])
    # BTS map to their BCN code, through the BTS files: no PS- code for them in the fixture
    assert any(not r[0].startswith("PS-") for r in by_type["bts"])
    # CPGE MPSI maps to its BCN code
    assert (
        q(
            national,
            "MATCH (:Actor)-[o:OFFERS]->(d:Diploma {code: '37011018'}) "
            "WHERE o.programme_label STARTS WITH 'CPGE' RETURN count(o)",
        )[0][0]
        > 0
    )


def test_a_bts_the_bts_files_already_offer_is_not_offered_twice(national: FalkorDBStore) -> None:
    dup = q(
        national,
        "MATCH (a:Actor)-[o:OFFERS]->(d:Diploma) WITH a, d, o.modality AS m, count(*) AS n "
        "WHERE n > 1 RETURN a.uai, d.code, m, n",
    )
    assert dup == []


def test_admission_parallele_legs_are_inferred_only_into_programmes_admitting_at_bac2(
    national: FalkorDBStore,
) -> None:
    legs = q(
        national,
        "MATCH (a:Diploma)-[l:LEADS_TO]->(b:Diploma) WHERE l.kind = 'admission_parallele' "
        "RETURN a.type, b.type, b.admits_bac2, l.passerelle_origin, l.rule, a.nsf, b.nsf, "
        "b.nsf_groups",
    )
    assert legs
    for a_type, b_type, bac2, origin, rule, a_nsf, b_nsf, b_groups in legs:
        assert a_type == "bts" and b_type in ("but", "licence_pro", "ingenieur")
        assert bac2 is True and origin == "inferred" and rule.endswith("-ap")
        # the same NSF group, or (one of a BUT's parcours) the « plusieurs spécialités » group
        # of the same domain; a licence pro, the same domain
        groups = [b_nsf] if b_nsf else b_groups
        assert any(
            g == a_nsf
            or (g[:2] == a_nsf[:2] and ("0" in (g[2], a_nsf[2]) or b_type == "licence_pro"))
            for g in groups
        ), (a_nsf, groups)
    (documented,) = q(
        national,
        "MATCH (p:Passerelle) WHERE p.kind = 'admission_parallele' AND p.origin <> 'inferred' "
        "RETURN count(p)",
    )[0]
    assert documented == 0


# --- names and places ---------------------------------------------------------------------


def test_an_establishment_no_file_names_shows_its_uai_and_departement(
    national: FalkorDBStore,
) -> None:
    ((name, precision, described, dep),) = q(
        national,
        "MATCH (a:Actor {uai: '0763418C'}) "
        "RETURN a.name, a.coords_precision, a.described, a.departement",
    )
    assert name == ("Établissement sans nom dans les fichiers publics (Seine-Maritime)")
    assert precision is None and described is False and dep == "076"


def test_coordinates_come_from_the_row_else_the_commune_centre_else_unknown(
    national: FalkorDBStore,
) -> None:
    rows = q(
        national,
        "MATCH (a:Actor) RETURN a.described_by[0], coalesce(a.coords_precision, 'unknown'), "
        "a.lat IS NULL, count(*)",
    )
    placed = {(src, how): (no_point, n) for src, how, no_point, n in rows}
    # Parcoursup and MESR rows carry a point; the CFA list only a commune
    assert placed[("fr-esr-parcoursup_extrait.csv", "establishment")][0] is False
    assert placed[("CFASousConvRegionale_latest-UAI.csv", "commune")][0] is False
    assert all(no_point for (src, how), (no_point, _) in placed.items() if how == "unknown")
    summary = national.summary  # type: ignore[attr-defined]
    cv = summary.coverage
    assert sum(cv.named_by.values()) == sum(cv.located_by.values()) == cv.establishments
    assert cv.located_by["commune"] == sum(
        n for (_, how), (_, n) in placed.items() if how == "commune"
    )


def test_an_establishment_only_parcoursup_places_gets_the_commune_holding_its_position(
    national: FalkorDBStore,
) -> None:
    """Parcoursup gives the Lycée Marcel Sembat (0760110G) a position and no commune: its
    commune is the one of its département whose contour holds the position
    (Sotteville-lès-Rouen), said so (``commune_from``: « contour », clear of its border, said as
    the commune, not « près de »); its name gets its accents back."""
    ((name, commune, insee, how, precision),) = q(
        national,
        "MATCH (a:Actor {uai: '0760110G'}) "
        "RETURN a.name, a.commune, a.insee, a.commune_from, a.coords_precision",
    )
    assert name == "Lycée Marcel Sembat"
    assert (commune, insee, how, precision) == (
        "Sotteville-lès-Rouen",
        "76681",
        "contour",
        "establishment",
    )
    # the communes the directories give stay theirs
    named = q(
        national,
        "MATCH (a:Actor) WHERE a.described_by = ['fr-en-annuaire-education.csv'] "
        "RETURN count(a), count(a.commune_from)",
    )
    assert named[0][0] > 0 and named[0][1] == 0
    # nothing left without a commune but what has no position either
    assert q(
        national,
        "MATCH (a:Actor) WHERE a.imported AND a.insee IS NULL AND a.lat IS NOT NULL "
        "RETURN count(a)",
    ) == [[0]]


def test_a_commune_geonames_does_not_place_takes_the_commune_references_centre(
    national: FalkorDBStore,
) -> None:
    """Terres-de-Caux (76258), a commune nouvelle, is not in the GeoNames file: its centre comes
    from the commune reference (graph/communes.py), and its CFA is placed there."""
    ((source, lat, lon, name),) = q(
        national,
        "MATCH (s:Site {insee: '76258'}) RETURN s.coords_source, s.lat, s.lon, s.name",
    )
    assert source == "reference" and name == "Terres-de-Caux"
    assert 49.5 < lat < 49.8 and 0.4 < lon < 0.8  # the pays de Caux
    placed = q(
        national,
        "MATCH (a:Actor) WHERE a.insee = '76258' RETURN a.coords_precision, a.lat, a.lon",
    )
    assert placed and all(r == ["commune", lat, lon] for r in placed)


def test_about_counts_establishments_by_name_source_and_placement(
    national: FalkorDBStore, tmp_path: Path
) -> None:
    app = create_app(make_settings(tmp_path / "unused"), store=national)
    with TestClient(app) as client:
        est = client.get("/about").json()["imported"]["establishments"]
    cv = national.summary.coverage  # type: ignore[attr-defined]
    assert est == {
        "total": cv.establishments,
        "named_by": cv.named_by,
        "located_by": cv.located_by,
    }
    assert est["named_by"]["UAI only"] > 0 and est["located_by"]["unknown"] > 0


def test_a_seed_actor_without_uai_is_matched_by_name_and_commune(
    store: FalkorDBStore, tmp_path: Path
) -> None:
    """A seed CFA without UAI, named as the CFA list names it but in mixed case with accents,
    in the same commune: the import enriches it instead of adding a second node."""
    with (FIX / "CFASousConvRegionale_latest-UAI.csv").open(encoding="latin-1") as fh:
        cfa = next(
            r
            for r in csv.DictReader(fh, delimiter=";")
            if r["numero_uai"].startswith("076") and r["commune"] and r["patronyme_uai"]
        )
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_MINI, seeds)
    toml = (seeds / "mini.toml").read_text(encoding="utf-8")
    toml += (
        f'\n[[sites]]\ninsee = "{cfa["commune"]}"\nname = "{cfa["commune_libe"].title()}"\n'
        f'departement = "076"\nlat = 49.5\nlon = 1.0\nsource = "test fixture"\n'
        f'\n[[actors]]\nid = "cfa-seed"\nname = "CFA {cfa["patronyme_uai"].title()}"\n'
        f'kind = "cfa"\nsite = "{cfa["commune"]}"\nsource = "test fixture"\n'
    )
    (seeds / "mini.toml").write_text(toml, encoding="utf-8")
    load_seeds(store, load_seed_dir(seeds))
    summary = run_import(store, FIX, max_rejected=MAX)
    assert summary.coverage.seed_actors_matched == 1
    rows = q(
        store,
        "MATCH (a:Actor {uai: $uai}) RETURN a.id, a.seed, a.imported, a.uai_matched_by",
        uai=cfa["numero_uai"],
    )
    assert rows == [["cfa-seed", True, True, "name and commune"]]


def test_a_seed_lycee_is_the_lycee_not_its_section_of_the_same_name(
    store: FalkorDBStore, tmp_path: Path
) -> None:
    """tester24: « Lycée Théophile Roussel » (Saint-Chély-d'Apcher) stayed a second node, as
    its commune also holds the « Section d'enseignement professionnel du Lycée Théophile
    Roussel », whose name holds the lycée's: the lycée (« Lycée polyvalent … », the kind word
    ignored) has exactly the seed's words, the section does not."""
    files = tmp_path / "files"
    shutil.copytree(FIX, files)
    annuaire = files / "fr-en-annuaire-education.csv"
    raw = annuaire.read_bytes()
    nl = b"\r\n" if b"\r\n" in raw else b"\n"
    (lycee,) = [x for x in raw.split(nl) if x.startswith(b"0120006S;")]
    assert b";Lyc\xc3\xa9e polyvalent La D\xc3\xa9couverte;" in lycee
    section = lycee.replace(b"0120006S;", b"0120999X;").replace(
        b";Lyc\xc3\xa9e polyvalent La D\xc3\xa9couverte;",
        "Section d'enseignement professionnel du Lycée La Découverte".join([";", ";"]).encode(),
    )
    annuaire.write_bytes(raw.rstrip(nl) + nl + section + nl)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_MINI, seeds)
    toml = (seeds / "mini.toml").read_text(encoding="utf-8")
    toml += (
        '\n[[actors]]\nid = "lycee-seed"\nname = "Lycée La Découverte (Decazeville)"\n'
        'kind = "lycee"\nsite = "12089"\nsource = "test fixture"\n'
    )
    (seeds / "mini.toml").write_text(toml, encoding="utf-8")
    load_seeds(store, load_seed_dir(seeds))
    summary = run_import(store, files, max_rejected=MAX)
    assert summary.coverage.seed_actors_matched == 1
    rows = q(
        store,
        "MATCH (a:Actor) WHERE a.uai IN ['0120006S', '0120999X'] OR a.id = 'lycee-seed' "
        "RETURN a.uai, a.id, a.seed, a.uai_matched_by, a.source ORDER BY a.uai",
    )
    assert [r[:4] for r in rows] == [
        ["0120006S", "lycee-seed", True, "name and commune"],
        ["0120999X", "uai-0120999x", None, None],
    ]
    assert "test fixture" in rows[0][4]  # the seed still cites its source


# --- readable names and what a diploma leads to -------------------------------------------


def test_diplomas_show_a_readable_name_and_their_links(
    national: FalkorDBStore, tmp_path: Path
) -> None:
    ((code,),) = q(
        national,
        "MATCH (d:Diploma) WHERE d.readable_name_source = 'certif_info.csv' "
        "AND d.cpc IS NOT NULL AND size(d.rome_codes) > 0 AND d.famille_metiers IS NOT NULL "
        "RETURN d.code ORDER BY d.code LIMIT 1",
    )
    app = create_app(make_settings(tmp_path / "unused"), store=national)
    with TestClient(app) as client:
        d = client.get(f"/diplomas/{code}").json()
    assert d["name"] != d["official_name"] and d["official_name"] == d["official_name"].upper()
    assert d["name"] != d["name"].upper()  # mixed case
    assert all(len(r) == 5 for r in d["rome_codes"]) and d["rncp_codes"]
    assert d["cpc"].startswith("CPC ") and d["famille_metiers"]
    assert d["formacodes"] and d["certif_type"]
