"""Campus managers' gap questions across France (branch gaps4, docs/honest-answers.md,
« Manager questions across France »), on each real engine, over a fixture cut from the national
files (``tests/fixtures/opendata_gaps4/``: Côtes-d'Armor, Ille-et-Vilaine, Lozère, Creuse) and
the real seeds (the Mecanic Vallée's own programmes among them)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, SEEDS, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "opendata_gaps4"
RABELAIS = "uai-0220056s"  # Lycée François Rabelais, Saint-Brieuc: ECG, MPSI, PCSI


client = imported_client_fixture(FIXTURE, seeds=SEEDS, as_of=FIXED_DAY)


def report(client: TestClient, **params: Any) -> dict[str, dict[str, Any]]:
    r = client.get("/gaps", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return {s["id"]: s for s in r.json()["sections"]}


def texts(sections: dict[str, dict[str, Any]]) -> list[str]:
    out = [s["note"] for s in sections.values() if s["note"]]
    for s in sections.values():
        out += [t for f in s["findings"] for t in (f["title"], f["why"])]
    return out


def test_a_cpge_is_no_dead_end_for_lack_of_another_campus_programme(client: TestClient) -> None:
    """The national « classe préparatoire → école d'ingénieurs » rule reaches only the Mecanic
    Vallée's engineers (CCI Aveyron, Mines Albi): the ECG, MPSI and PCSI of Saint-Brieuc were
    « Impasses » « Élevée » of Bretagne, their « 2 suites connues » being those two."""
    sections = report(client, departements="22,35")
    dead = sections["dead_ends"]["findings"]
    assert not [f for f in dead if f["data"]["actor"] == RABELAIS], [f["title"] for f in dead]
    for f in dead:
        assert not [c for c in f["data"]["next_diplomas"] if c.startswith("MV-")], f
    # in their own territory, the campus's programmes are still next steps
    lot = client.get("/gaps", params={"departements": "12,46"})
    assert lot.status_code == 200


def test_two_schools_said_to_follow_each_other_name_their_passerelle(client: TestClient) -> None:
    """A 2de commune leads to its own Bac pro, not to the next level: pairs resting on it
    read « l'un forme au niveau suivant de l'autre (passerelle) », naming nothing."""
    found = report(client, departements="22,35")["suggested_partnerships"]["findings"]
    follow = [f for f in found if f["data"]["pair"] == "school-continuation"]
    assert follow
    for f in follow:
        assert "(passerelle)" not in f["why"], f["why"]
        assert re.search(r"\(passerelle .+ → .+\)", f["why"]), f["why"]


def test_a_lycee_and_its_own_section_are_no_fragile_link(client: TestClient) -> None:
    """Lozère: each lycée and its vocational section (PART_OF, from the directory) were a
    « Lien fragile … couperait 1 acteur(s) du reste »: five pairs were the whole section."""
    brokers = report(client, departements="48")["brokers"]
    assert not [f for f in brokers["findings"] if f["id"].startswith("bridge:")], brokers
    # links exist, but only those of establishments to their sections: said so
    assert "rattachent des sections" in brokers["note"], brokers["note"]


def test_a_lycee_and_its_own_section_and_annex_are_one_actor(client: TestClient) -> None:
    """Pyrénées-Orientales: Lycée Pablo Picasso, its vocational section and its annex (PART_OF,
    one establishment in the directory) made the lycée an « Acteur pivot … isolerait des
    partenaires » and two « Lien fragile », although no partner exists."""
    brokers = report(client, departements="66")["brokers"]
    assert brokers["findings"] == [], [f["why"] for f in brokers["findings"]]
    assert "rattachent des sections" in brokers["note"], brokers["note"]
    assert_plain_french([brokers["note"]])


def test_each_section_says_what_the_data_does_not_know(client: TestClient) -> None:
    """No campus, no company, no partnership in the public files: the report said nothing of
    demand (read « none missing ») and listed every school as isolated."""
    sections = report(client, departements="22,35")
    demand = sections["unmet_demand"]
    assert demand["findings"] == [] and "ne peuvent donc pas être jugés" in demand["note"]
    isolated = sections["isolated_actors"]
    assert isolated["total"] == 0 and "ne sont pas jugés" in isolated["note"]
    assert "Aucune entreprise" in isolated["note"]
    assert "pas filière par filière" in sections["continuum_breaks"]["note"]
    assert "pas de réseau à analyser" in sections["brokers"]["note"]
    assert_plain_french(texts(sections))
    # the CSV says it too, as a last row
    r = client.get("/gaps.csv", params={"departements": "22,35", "section": "unmet_demand"})
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[-1][0] == "Remarque" and "ne peuvent donc pas être jugés" in rows[-1][2]


def test_a_campus_keeps_its_judged_actors_and_no_note_of_unknown_demand(
    client: TestClient,
) -> None:
    sections = report(client, campus="mecanic-vallee")
    ids = {f["id"] for f in sections["isolated_actors"]["findings"]}
    assert any(i.endswith(":company") for i in ids) and any(i.endswith(":school") for i in ids)
    assert sections["isolated_actors"]["note"] is None
    demand = sections["unmet_demand"]
    assert demand["findings"] and "ne peuvent donc pas être jugés" not in (demand["note"] or "")
    assert "Mecanic" not in json.dumps(report(client, departements="23"), ensure_ascii=False)


def test_an_unknown_filiere_is_refused(client: TestClient) -> None:
    for path in ("/gaps", "/gaps.csv"):
        params = {"departements": "35", "sector": "zzz-inconnue", "section": "dead_ends"}
        if path == "/gaps":
            params.pop("section")
        r = client.get(path, params=params)
        assert r.status_code == 404, r.text
        assert "Filière inconnue" in r.text


def test_the_csv_cites_its_sources_without_file_names(client: TestClient) -> None:
    """The « sources » column gave « 004_4d74e85f9a48366b.txt §3.2 … » and « opendata
    attractivite_capacite_2022.csv (Etablissement d'accueil 0120006S, …) »; the dead ends'
    measures said « rayon de recherche (km) » twice (150 and 50)."""
    r = client.get("/gaps.csv", params={"campus": "mecanic-vallee", "section": "unmet_demand"})
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) > 2
    for row in rows[1:]:
        assert not re.search(r"\.(csv|txt|toml)\b", row[5]), row[5]
        assert "uai-" not in ";".join(row)
    assert any("Dossier de candidature du CMQ Mecanic Vallée" in row[5] for row in rows[1:])


def test_a_filiere_names_its_campus_and_a_campus_report_says_what_it_counts(
    client: TestClient,
) -> None:
    """Rhône: « Filière du campus … » named no campus in a report of a département. Campus
    Entreprises (Clermont-Ferrand): « Maintenance industrielle : Filière du campus sans aucune
    formation locale recensée » while its report counts only its members' programmes (none)
    and the Puy-de-Dôme offers BTS maintenance des systèmes at Lycée La Fayette."""
    rhone = report(client, departements="69")["unmet_demand"]["findings"]
    assert rhone and all(f["why"].startswith("Filière du Campus Numérique") for f in rhone)
    clermont = report(client, campus="campus-entreprises-clermont")["unmet_demand"]
    maint = next(f for f in clermont["findings"] if f["title"] == "Maintenance industrielle")
    assert "formation locale" not in maint["why"] and "ses établissements" in maint["why"]
    assert "seules les formations de ses établissements sont comptées" in clermont["note"]


def test_a_filiere_trained_for_by_rome_codes_has_its_continuum(client: TestClient) -> None:
    """Puy-de-Dôme: the demand section counted Lycée La Fayette's BTS maintenance des systèmes
    for « Maintenance industrielle » (Certif Info: ROME I1304, I1310), the continuum section
    did not: no per-filière continuum, only « toutes filières »."""
    sections = report(client, departements="63")
    continuum = {f["id"]: f for f in sections["continuum_breaks"]["findings"]}
    maint = continuum["continuum:industrial-maintenance"]
    assert 5 in maint["data"]["levels_offered"], maint
    assert sections["continuum_breaks"]["note"] is None
    # a campus whose members offer nothing says where to look, not « nothing on the territory »
    clermont = report(client, campus="campus-entreprises-clermont")["continuum_breaks"]
    assert clermont["findings"] == [] and "établissements du campus" in clermont["note"]


def test_a_filiere_asked_counts_the_programmes_that_train_for_it_by_rome(
    client: TestClient,
) -> None:
    """`sector=industrial-maintenance` in the Puy-de-Dôme kept only the offers a seed ties to
    it (none), while the demand section counts Lycée La Fayette's BTS by its ROME codes."""
    continuum = report(client, departements="63", sector="industrial-maintenance")
    found = continuum["continuum_breaks"]["findings"]
    assert found and all(5 in f["data"]["levels_offered"] for f in found), found
    assert continuum["continuum_breaks"]["note"] is None


def test_coverage_says_which_rows_have_no_level(client: TestClient) -> None:
    """The BCN rates its CPGE codes at level 5, some Parcoursup CPGE match none: /coverage
    showed « cpge » at level null then at level 5, unexplained. Those take the level the BCN's
    table of diploma types gives the CPGE (type 370: 5, docs/import.md « CPGE levels »): one
    row. The rows still without a level (FCIL, certificats de spécialisation) come last,
    « niveau non précisé », with a note naming the other levels of their type; the FCILs
    « sans niveau de diplôme (FCIL) »: they prepare no diploma."""
    r = client.get("/coverage", params={"departements": "22,35,48,23"})
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    levels = [row["level"] for row in rows]
    first_null = levels.index(None)
    assert all(x is None for x in levels[first_null:]), levels
    for row in rows[:first_null]:
        assert row["level_label"] == f"niveau {row['level']}" and row["level_note"] is None
    cpge = [row for row in rows if row["type"] == "cpge"]
    assert [row["level"] for row in cpge] == [5], cpge
    # a FCIL prepares no diploma: no level of its own, said so, not « niveau non précisé »
    # (answers23: « FCIL » had left the level-4 counts unexplained)
    fcil = [row for row in rows[first_null:] if row["type"] == "fcil"]
    assert fcil, rows
    assert all(row["level_label"] == "sans niveau de diplôme (FCIL)" for row in fcil), fcil
    assert all("ne prépare aucun diplôme" in row["level_note"] for row in fcil), fcil
    unknown = [row for row in rows[first_null:] if row["type"] != "fcil"]
    assert all(row["level_label"] == "niveau non précisé" for row in unknown), unknown
    assert all(
        row["level_note"].startswith("Les données importées ne donnent pas le niveau")
        for row in unknown
    ), unknown
    unknown += fcil
    notes = [row["level_note"] for row in unknown]
    assert_plain_french([row["level_label"] for row in rows] + notes)


def test_a_parcoursup_cpge_without_a_code_has_the_level_of_its_type(client: TestClient) -> None:
    """« CPGE – MP2I » (no BCN code) is at level 5, as every CPGE the BCN codes."""
    page = client.get("/diplomas", params={"type": "cpge", "limit": 200}).json()
    keyed = [d for d in page["items"] if d["code"].startswith("PS-")]
    assert keyed, page
    assert {d["level"] for d in keyed} == {5}, keyed


def test_dead_ends_name_their_next_steps_as_people_read_them(client: TestClient) -> None:
    """A dead end's known next steps were named by Parcoursup's text without accents
    (« BUT – Carrieres sociales … des etablissements », Guyane, national files): the rows they
    are named from are made readable as every other diploma of the report
    (graph/diploma_names.py: the name people read, the stored text beside it)."""
    from graph.diploma_names import _ACCENTLESS, readable
    from graph.gaps.data import read_gap_data
    from graph.territory import Territory

    store = client.app.state.store  # type: ignore[attr-defined]
    judged = 0
    for departements in (("022", "035"), ("048",), ("023",), ("063",)):
        d = read_gap_data(store, Territory(departements=list(departements)), None)
        for r in d.offered_next:
            judged += 1
            assert "source_name" in r["diploma"], r["diploma"]
            assert r["diploma"] == readable(r["diploma"])
            assert not _ACCENTLESS.search(r["diploma"]["name"]), r["diploma"]
    assert judged
