"""`cmq import opendata` on a real database of each engine: merge with seeds (both orders),
idempotence, all-or-nothing, provenance, pathways, /about and the command line."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.cli import main as cli
from api.main import create_app
from graph.errors import GraphError, SeedError
from graph.ingest.opendata import build_statements, parse_directory, read_state, run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.pathways import PathwayQuery, find_pathways
from graph.store import GraphStore, Statement
from graph.territory import Territory
from tests.conftest import SEEDS, StoreMaker, make_settings
from tests.integration.test_loader import _snapshot
from tests.raw_query import raw_rows

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata"
SLICE = Path(__file__).resolve().parents[3] / "shared" / "opendata"
LOT_AVEYRON = ["12", "46"]
# The Mecanic Vallée lycées of the seeds and their UAIs (seeds/mecanic-vallee.toml)
MV_LYCEES = {
    "0120006S": "lycee-la-decouverte-decazeville",
    "0460010L": "lycee-champollion-figeac",
    "0460032K": "lycee-professionnel-champollion-figeac",
    "0460493L": "lycee-gaston-monnerville-cahors",
    "0120024L": "lycee-alexis-monteil-rodez",
    "0120037A": "lycee-professionnel-alexis-monteil-rodez",
}


def q(store: GraphStore, text: str, **params: object) -> list[list]:
    """Ad-hoc checks in tests only (the product reads through named queries)."""
    return raw_rows(store, text, params)


@pytest.fixture(scope="module")
def seeds():
    return load_seed_dir(SEEDS)


@pytest.fixture
def store(new_store: Callable[..., GraphStore]) -> GraphStore:
    return new_store()


@pytest.fixture(scope="module")
def imported(session_stores: StoreMaker, seeds) -> Iterator[GraphStore]:
    """Seeds, then the fixtures for the Lot and the Aveyron. Tests must not modify it."""
    s = session_stores()  # closed at the end of the session
    load_seeds(s, seeds)
    s.pathways_before = {  # type: ignore[attr-defined]
        start: find_pathways(s, _pathways(start, level)) for start, level in PATHWAYS
    }
    run_import(s, FIX, departements=LOT_AVEYRON)
    yield s


@pytest.fixture(scope="module")
def imported_snapshot(imported: GraphStore) -> tuple[list, list]:
    return _snapshot(imported)


# CAP Électricien -> a Bac pro; Bac pro chaudronnerie -> a BTS; Bac pro TRPM -> a BTS
PATHWAYS = (("50025524", 4), ("40025411", 5), ("40025014", 5))


def _pathways(start: str, to_level: int) -> PathwayQuery:
    return PathwayQuery(
        start_codes=[start],
        start_label=start,
        to_level=to_level,
        territory=Territory(departements=["012", "046"]),
        limit=50,
    )


def _fixture_copy(tmp_path: Path) -> Path:
    target = tmp_path / "opendata"
    shutil.copytree(FIX, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return target


# --- the done-when scenario ----------------------------------------------------------------


def test_mv_lycees_are_their_seed_nodes_enriched_by_the_import(imported: GraphStore) -> None:
    for uai, seed_id in MV_LYCEES.items():
        rows = q(
            imported,
            "MATCH (a:Actor {uai: $uai}) RETURN a.id, a.seed, a.imported, a.source, "
            "a.facts_json, a.imported_name, a.nature, a.imported_source",
            uai=uai,
        )
        assert len(rows) == 1, uai  # one node per establishment
        aid, seed, imp, source, facts, name, nature, isource = rows[0]
        assert (aid, seed, imp) == (seed_id, True, True)
        assert source.startswith("004_") and facts  # the seed's facts and sources are kept
        assert name and nature and "fr-en-annuaire-education.csv" in isource


def test_mv_lycees_have_their_real_offers_with_capacities(imported: GraphStore) -> None:
    rows = q(
        imported,
        "MATCH (a:Actor {uai: '0120006S'})-[o:OFFERS]->(d:Diploma {code: '32025415'}) "
        "WHERE o.origin = 'import' RETURN o.modality, o.capacity, o.demand, o.pressure, o.year, "
        "o.years, o.history_json, o.source, o.status, o.departement, o.lat "
        "ORDER BY o.modality",
    )
    (app, school) = rows
    assert app[:5] == ["apprenticeship", 16, 46, 2.875, 2024]
    assert school[:6] == ["school", 24, 126, 5.25, 2024, [2020, 2022, 2023, 2024]]
    history = json.loads(school[6])
    assert [h["year"] for h in history] == [2020, 2022, 2023, 2024]
    assert history[0]["pupils"] == 34 and history[-1]["capacity"] == 24
    assert "BTS_attractivite_capacite_2024.csv (Parcoursup 2024, MESR)" in school[7]
    assert school[8] == "open" and school[9] == "012" and school[10] is not None
    # one import offer per (actor, diploma, modality)
    dups = q(
        imported,
        "MATCH (a:Actor)-[o:OFFERS]->(d:Diploma) WHERE o.origin = 'import' "
        "WITH a.id AS a, d.code AS d, o.modality AS m, count(*) AS n WHERE n > 1 RETURN a, d, m",
    )
    assert dups == []


def test_pathways_now_include_establishments_the_seeds_never_named(
    imported: GraphStore,
) -> None:
    def actors(answer) -> set[str]:
        return {o.actor_id for p in answer.pathways for s in p.steps for o in s.offers}

    gained: dict[str, set[str]] = {}
    for start, level in PATHWAYS:
        before = imported.pathways_before[start]  # type: ignore[attr-defined]
        after = find_pathways(imported, _pathways(start, level))
        gained[start] = {a for a in actors(after) - actors(before) if a.startswith("uai-")}
        assert after.count >= before.count
        # seed and import offers of one (actor, diploma, modality) show once
        for p in after.pathways:
            for s in p.steps:
                keys = [(o.actor_id, o.modality) for o in s.offers]
                assert len(keys) == len(set(keys))
    cap = find_pathways(imported, _pathways("50025524", 4))
    assert cap.count > imported.pathways_before["50025524"].count  # type: ignore[attr-defined]
    # the seed's offer, with the import's figures
    bts = find_pathways(imported, _pathways("40025411", 5))
    step = next(s for p in bts.pathways for s in p.steps if s.code == "32025415")
    deca = next(
        o
        for o in step.offers
        if o.actor_id == "lycee-la-decouverte-decazeville" and o.modality == "school"
    )
    assert deca.capacity == 24 and deca.year == 2024
    assert deca.source.startswith("opendata BTS_attractivite")
    # establishments known only from the public files reach the answers (the inference keeps
    # the strongest continuations only, so not every start gains one: the chaudronnerie Bac
    # pro's BTS is offered in Lot and Aveyron by a seed lycée alone)
    assert any(gained.values()), gained


def test_pathway_answer_gives_each_offer_its_voeux_pressure_and_years(
    imported: GraphStore, tmp_path: Path
) -> None:
    """The figure counsellors call crucial: vœux and taux de pression per offer, with the
    years the public files give (La Découverte's BTS 32025415: 24 places, 126 vœux in 2024)."""
    app = create_app(make_settings(tmp_path / "unused"), store=imported)
    with TestClient(app) as client:
        body = client.get(
            "/pathways",
            params={"from": "40025411", "to_level": 5, "departements": "12,46", "limit": 50},
        ).json()
    offers = [
        o
        for p in body["pathways"]
        for s in p["steps"]
        if s["code"] == "32025415"
        for o in s["offers"]
        if o["actor_id"] == "lycee-la-decouverte-decazeville" and o["modality"] == "school"
    ]
    assert offers, body
    o = offers[0]
    assert (o["capacity"], o["demand"], o["pressure"], o["year"]) == (24, 126, 5.25, 2024)
    assert o["last_seen"] is None  # listed in the latest BTS file: current
    history = o["history"]
    # 2020 is a constat year (pupils only): no places nor vœux to show
    assert [y["year"] for y in history] == [2022, 2023, 2024]
    assert history[-1] == {
        "year": 2024,
        "capacity": 24,
        "demand": 126,
        "pressure": 5.25,
        "demand_kind": "confirmed_wishes",  # Parcoursup: not Affelnet's first wishes
        "entry_year": None,
        "common_entry": None,
    }
    assert o["demand_kind"] == "confirmed_wishes"
    for y in history:
        if y["capacity"] and y["demand"] is not None:
            assert y["pressure"] == round(y["demand"] / y["capacity"], 3)


def test_inferred_passerelles_are_marked_and_kept_apart(imported: GraphStore) -> None:
    rows = q(
        imported,
        "MATCH (p:Passerelle) WHERE p.imported = true "
        "RETURN p.origin, p.rule, p.conditions, p.source, size(p.from_codes) LIMIT 5",
    )
    assert rows
    for origin, rule, conditions, source, n in rows:
        assert origin == "inferred" and rule and "Correspondance" in conditions
        # the rule's id, no repository page (answers23: « (docs/inferred-passerelles.md) »)
        assert source.startswith(f"inferred by rule {rule}") and "docs/" not in source
        assert n == 1
    legs = q(
        imported,
        "MATCH (:Diploma)-[r:LEADS_TO]->(:Diploma) WHERE r.origin = 'import' "
        "RETURN DISTINCT r.passerelle_origin",
    )
    assert legs == [["inferred"]]
    # no pair the seeds document is inferred by the import
    both = q(
        imported,
        "MATCH (a:Diploma)-[s:LEADS_TO]->(b:Diploma), (a)-[i:LEADS_TO]->(b) "
        "WHERE s.origin = 'seed' AND s.passerelle_origin = 'documented' "
        "AND i.origin = 'import' RETURN count(*)",
    )
    assert both == [[0]]
    # a pair the seed loader only inferred (no evidence files) is inferred again by the import
    again = q(
        imported,
        "MATCH (a:Diploma)-[s:LEADS_TO]->(b:Diploma), (a)-[i:LEADS_TO]->(b) "
        "WHERE s.origin = 'seed' AND s.passerelle_origin = 'inferred' "
        "AND i.origin = 'import' RETURN count(*), min(i.strength)",
    )
    assert again[0][0] > 0 and again[0][1] > 0


def test_closed_and_renamed_diplomas(imported: GraphStore) -> None:
    rows = q(
        imported,
        "MATCH (a:Diploma {code: '40025107'})-[r:RENAMED_TO]->(b:Diploma) "
        "RETURN a.closed, a.closing_date, b.code, r.origin, r.source",
    )
    assert rows and rows[0][0] is True and rows[0][1].startswith("20")
    assert rows[0][2] == "40025013" and rows[0][3] == "import"
    assert "nFormationDiplome_.csv" in rows[0][4]
    # a seed diploma keeps its seed name; BCN facts are added beside it
    (name, bcn_name, source) = q(
        imported,
        "MATCH (d:Diploma {code: '40025014'}) RETURN d.name, d.bcn_name, d.source",
    )[0]
    assert bcn_name and name and not source.startswith("nFormationDiplome_")


def test_every_imported_fact_carries_its_source(imported: GraphStore) -> None:
    missing = q(
        imported,
        "MATCH ()-[r]->() WHERE r.origin = 'import' AND r.source IS NULL RETURN type(r), count(*)",
    )
    assert missing == []
    nodes = q(
        imported,
        "MATCH (n) WHERE n.imported = true AND n.imported_source IS NULL AND n.bcn_source IS NULL "
        "AND n.imported_site_source IS NULL AND n.source IS NULL RETURN labels(n)[0], count(*)",
    )
    assert nodes == []


def test_unknown_establishments_are_imported_and_marked(imported: GraphStore) -> None:
    rows = q(
        imported,
        "MATCH (a:Actor) WHERE a.described = false "
        "RETURN a.uai, a.id, a.departement, a.unknown_fields",
    )
    assert rows
    for uai, aid, dep, unknown in rows:
        assert aid == f"uai-{uai.lower()}" and dep == uai[:3] and "name" in unknown


# --- idempotence and all-or-nothing --------------------------------------------------------


def test_reimport_is_a_no_op(store: GraphStore, seeds) -> None:
    load_seeds(store, seeds)
    run_import(store, FIX)
    before = _snapshot(store)
    summary = run_import(store, FIX)
    assert _snapshot(store) == before
    assert summary.nodes["Actor"]["created"] == 0 and summary.nodes["Actor"]["deleted"] == 0


def test_imports_survive_a_seed_reload(store: GraphStore, seeds) -> None:
    load_seeds(store, seeds)
    run_import(store, FIX, departements=LOT_AVEYRON)
    before = _snapshot(store)
    load_seeds(store, seeds)
    assert _snapshot(store) == before


@pytest.mark.parametrize(
    ("file", "line", "edit", "message"),
    [
        ("constat_2020.csv", 12, lambda s: s.rsplit(";", 1)[0], "fields where the header has"),
        (
            "attractivite_capacite_2022.csv",
            7,
            lambda s: "012000X;" + s.split(";", 1)[1],
            "field 'Etablissement d'accueil'",
        ),
        ("nMef.csv", 1, lambda s: s[:40], r"line 1 \(header\)"),
        (  # the latitude of La Découverte (0120006S), column 52
            "fr-en-annuaire-education.csv",
            56,
            lambda s: ";".join([*s.split(";")[:51], "44,5x", *s.split(";")[52:]]),
            "field 'latitude': not a number",
        ),
    ],
)
def test_a_corrupted_file_changes_nothing(
    imported: GraphStore,
    imported_snapshot: tuple[list, list],
    tmp_path: Path,
    file: str,
    line: int,
    edit,
    message: str,
) -> None:
    target = _fixture_copy(tmp_path)
    path = target / file
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\n")
    lines[line - 1] = edit(lines[line - 1])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "\n".join(lines).encode("utf-8"))
    with pytest.raises(SeedError, match=message) as e:
        run_import(imported, target, strict=True)  # strict: an invalid UAI stops too
    assert e.value.path.name == file and f"line {line}" in e.value.record
    assert _snapshot(imported) == imported_snapshot


def test_too_many_rejected_rows_change_nothing(
    imported: GraphStore, imported_snapshot: tuple[list, list], tmp_path: Path
) -> None:
    """Invalid UAIs on 3 rows of a 30-row file: past a 5 % threshold the file is taken for a
    wrong one and nothing is written; under a 20 % threshold they are left out."""
    target = _fixture_copy(tmp_path)
    path = target / "attractivite_capacite_2022.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = len([x for x in lines[1:] if x])
    for i in (2, 3, 4):
        lines[i] = "012000X;" + lines[i].split(";", 1)[1]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SeedError, match=r"3 lignes rejetées sur \d+ .*3 × UAI invalide") as e:
        run_import(imported, target, max_rejected=2.5 / rows)
    assert e.value.path.name == path.name
    assert _snapshot(imported) == imported_snapshot
    summary = run_import(imported, target, dry_run=True, max_rejected=1.0)
    (rep,) = [f for f in summary.files if f.name == path.name]
    assert [r.line for r in rep.rejected] == [3, 4, 5]


def test_a_failure_while_writing_changes_nothing(
    imported: GraphStore, imported_snapshot: tuple[list, list]
) -> None:
    """Every statement of a new import runs, then one fails: the previous data stays."""
    plan = build_statements(parse_directory(FIX), read_state(imported))
    broken = [*plan.statements, Statement("import_actors", {"run": "x", "rows": [{"uai": None}]})]
    with pytest.raises(GraphError):
        imported.write_atomic(broken)
    assert _snapshot(imported) == imported_snapshot
    if imported.engine == "falkordb":  # no staging graph left (Neo4j: one transaction)
        assert imported._db.list_graphs() == [imported.graph_name]  # type: ignore[attr-defined]


def test_a_narrower_import_removes_what_it_no_longer_covers(store: GraphStore, seeds) -> None:
    load_seeds(store, seeds)
    run_import(store, FIX)  # everything, including Toulouse (031)
    assert q(store, "MATCH (a:Actor {uai: '0311131L'}) RETURN count(a)") == [[1]]
    cfa = q(store, "MATCH (a:Actor {uai: '0311716X'}) RETURN a.seed, a.imported")
    assert cfa == [[True, True]]
    summary = run_import(store, FIX, departements=LOT_AVEYRON)
    assert summary.nodes["Actor"]["deleted"] > 0
    assert q(store, "MATCH (a:Actor {uai: '0311131L'}) RETURN count(a)") == [[0]]
    # a seed actor outside the new scope keeps its seed facts and loses the import's
    rows = q(
        store,
        "MATCH (a:Actor {uai: '0311716X'}) RETURN a.id, a.seed, a.imported, a.imported_name, "
        "a.source",
    )
    assert rows[0][:4] == ["cfai-midi-pyrenees", True, None, None] and rows[0][4]
    # the same narrower import twice: no change
    before = _snapshot(store)
    run_import(store, FIX, departements=LOT_AVEYRON)
    assert _snapshot(store) == before


# --- merging with seeds in both orders -----------------------------------------------------


def _actors_by_uai(store: GraphStore) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for uai, props in q(
        store, "MATCH (a:Actor) WHERE a.uai IS NOT NULL RETURN a.uai, properties(a)"
    ):
        out.setdefault(uai, []).append(dict(props))
    return out


def test_seed_then_import_equals_import_then_seed(
    new_store: Callable[..., GraphStore], seeds
) -> None:
    a, b = new_store(), new_store()
    load_seeds(a, seeds)
    run_import(a, FIX, departements=LOT_AVEYRON)
    run_import(b, FIX, departements=LOT_AVEYRON)
    assert q(b, "MATCH (a:Actor {uai: '0120006S'}) RETURN a.id") == [["uai-0120006s"]]
    load_seeds(b, seeds)
    one, two = _actors_by_uai(a), _actors_by_uai(b)
    assert set(one) == set(two)
    for uai in one:
        assert len(one[uai]) == 1 and len(two[uai]) == 1, uai  # one node per UAI
    for uai, seed_id in MV_LYCEES.items():
        assert one[uai][0]["id"] == two[uai][0]["id"] == seed_id
        # the same properties in both orders; the run key differs because the seeds loaded
        # after the import infer pairs the import had inferred too (until the next import)
        p1, p2 = (
            {k: v for k, v in props.items() if k != "import_run"}
            for props in (one[uai][0], two[uai][0])
        )
        assert p1 == p2, uai
    # the imported offers hang on the seed node in both orders
    count = "MATCH (:Actor {id: $id})-[o:OFFERS]->() WHERE o.origin = 'import' RETURN count(o)"
    for seed_id in MV_LYCEES.values():
        assert q(a, count, id=seed_id) == q(b, count, id=seed_id)
    assert q(b, count, id="lycee-la-decouverte-decazeville")[0][0] > 5


# --- /about, the command line, the real slice ----------------------------------------------


def test_about_credits_producers_and_counts_imported_facts(
    imported: GraphStore, tmp_path: Path
) -> None:
    app = create_app(make_settings(tmp_path / "unused"), store=imported)
    with TestClient(app) as client:
        body = client.get("/about").json()
    producers = " ".join(p["producer"] + " " + p["licence"] for p in body["producers"])
    for name in (
        "Éducation nationale",
        "MESR",
        "France Travail",
        "INSEE",
        "Carif-Oref",
        "GeoNames",
        "CC BY 4.0",
        "Licence Ouverte",
    ):
        assert name in producers, name
    assert body["imported"]["nodes"]["Actor"] > 0
    assert body["imported"]["offers_by_file"]["BTS_attractivite_capacite_2024.csv"] > 0


def test_command_line_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CMQ_DATA_DIR", str(tmp_path / "db"))
    monkeypatch.setenv("CMQ_GRAPH_URI", "embedded")
    args = ["import", "opendata", str(FIX), "--departements", "12,46"]
    assert cli([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "seraient écrits" in out and "essai à blanc : rien n'a été écrit" in out
    assert cli([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["departements"] == ["012", "046"] and summary["rows_read"] > 1000
    assert summary["nodes"]["Actor"]["created"] == summary["nodes"]["Actor"]["written"]
    broken = _fixture_copy(tmp_path)
    (broken / "nMef.csv").write_bytes(b"MEF;FORMATION_DIPLOME\n")
    assert cli(["import", "opendata", str(broken), "--quiet"]) == 2
    assert "nMef.csv : ligne 1 (en-tête)" in capsys.readouterr().err


@pytest.mark.skipif(not SLICE.is_dir(), reason="the public slice ../shared/opendata is absent")
def test_the_real_academie_slice(store: GraphStore, seeds) -> None:
    load_seeds(store, seeds)
    summary = run_import(store, SLICE)  # its speed is measured in bench/, not here
    assert summary.coverage.uais_in_activity == 279 and summary.coverage.unknown == 41
    assert summary.rows_read > 25_000
    mv = q(store, "MATCH (a:Actor {id: 'lycee-champollion-figeac'}) RETURN a.uai, a.imported")
    assert mv == [["0460010L", True]]


def test_an_establishment_is_found_by_its_uai_on_the_read_route(
    imported: GraphStore, tmp_path: Path
) -> None:
    """A reader gives the code on school documents (« 0060034E »): GET /actors/{uai} answered 422
    (not an id). It answers the actor, a seed lycée or one known only from the files, in either
    case; an unknown UAI is a French 404; a malformed key stays 422; edits still take ids only."""
    app = create_app(make_settings(tmp_path / "unused"), store=imported)
    with TestClient(app) as client:
        seed = client.get("/v1/actors/0120006S")
        assert seed.status_code == 200, seed.text
        assert seed.json()["id"] == MV_LYCEES["0120006S"]
        [[uai, actor_id]] = q(  # an establishment known from the files only
            imported,
            "MATCH (a:Actor) WHERE a.id STARTS WITH 'uai-' AND a.described "
            "RETURN a.uai, a.id ORDER BY a.uai LIMIT 1",
        )
        imported_only = client.get(f"/v1/actors/{uai.lower()}")
        assert imported_only.status_code == 200, imported_only.text
        assert (imported_only.json()["id"], imported_only.json()["uai"]) == (actor_id, uai)
        assert client.get("/v1/actors/lycee-champollion-figeac").json()["uai"] == "0460010L"
        unknown = client.get("/v1/actors/0999999Z")
        assert unknown.status_code == 404
        assert unknown.json()["detail"] == "Aucun établissement connu sous ce code UAI : 0999999Z."
        for bad in ("0060034EE", "Lycée", "00600-34E"):
            assert client.get(f"/v1/actors/{bad}").status_code == 422, bad
        spec = client.get("/openapi.json").json()
    edit = spec["paths"]["/v1/actors/{actor_id}"]["patch"]["parameters"]
    pattern = next(p["schema"]["pattern"] for p in edit if p["name"] == "actor_id")
    assert not re.match(pattern, "0120006S")


def test_imported_names_get_back_the_apostrophes_the_files_lost(imported: GraphStore) -> None:
    """Parcoursup writes « ecole d aide soignant », « I.U.T de Rodez »: the names shown read
    « d'aide », « I.U.T. » (graph/ingest/opendata/establishment_names.py); no imported name
    keeps a lone « d » or « l » before a word starting with a vowel."""
    [[name]] = q(imported, "MATCH (a:Actor {uai: '0460748N'}) RETURN a.imported_name")
    assert name == (
        "Institut de formation de soins infirmiers école d'aide soignant Centre hospitalier "
        "Jean Rougier Figeac"
    )
    names = q(imported, "MATCH (a:Actor) WHERE a.imported RETURN a.imported_name")
    assert len(names) > 50
    lone = re.compile(r"(?<![\w'.])[dDlL] [AEIOUYHaeiouyhÉé]\w")
    assert not [n for [n] in names if lone.search(n)]
    assert not [n for [n] in names if re.search(r"(?:[A-Z]\.){2,}[A-Z](?:\s|$)", n)]
