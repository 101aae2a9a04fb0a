"""What a suggested partnership says to a manager (graph/gaps/partnerships.py, docs/gaps.md):
within what a learner or a partner travels, never on a leg matched on a broad NSF group alone,
its place in the section rather than a score, and the sources of the link itself."""

from __future__ import annotations

from typing import Any

from graph.citations import cite
from graph.gaps import GapData
from graph.gaps.csv_out import measures_fr, report_csv
from graph.gaps.findings import REACH_KM, GapReport, Section
from graph.gaps.partnerships import suggested_partnerships
from graph.gaps.rows import broad_match
from graph.geo import haversine_km

Row = dict[str, Any]
RENNES = (48.1113, -1.6800)
CESSON = (48.1210, -1.6030)  # ~6 km from Rennes
REDON = (47.6517, -2.0840)  # ~60 km from Rennes
PARCOURSUP = "fr-esr-parcoursup_extrait.csv (Parcoursup)"


def school(aid: str, where: tuple[float, float]) -> Row:
    return {
        "label": "Actor",
        "id": aid,
        "name": f"Lycée {aid.title()}",
        "kind": "lycee",
        "campuses": [],
        "departement": "035",
        "lat": where[0],
        "lon": where[1],
        "source": PARCOURSUP,  # the directory that names the lycée, not the link
    }


def offer(a: str, code: str, level: int, nsf: str, where: tuple[float, float]) -> Row:
    return {
        "actor": {"id": a, "name": a.title(), "kind": "lycee", "campuses": []},
        "offer": {
            "status": "open",
            "departement": "035",
            "lat": where[0],
            "lon": where[1],
            "source": f"opendata attractivite_capacite_2022.csv ({a} {code})",
        },
        "diploma": {"code": code, "name": f"Diplôme {code}", "level": level, "nsf": nsf},
        "sectors": [],
    }


def data(legs: list[Row], b_at: tuple[float, float] = CESSON, nsf: str = "255") -> GapData:
    d = GapData(
        actors=[school("a", RENNES), school("b", b_at)],
        offers=[offer("a", "BAC", 4, nsf, RENNES), offer("b", "BTS", 5, nsf, b_at)],
        legs=legs,
    )
    d.inside = d.offers
    d.inside_for_sector = d.offers
    d.inside_ids = {"a", "b"}
    return d


def leg(**kw: Any) -> Row:
    """A row of gaps_next_steps from BAC: ``documented`` (« target » or « target|source »)
    and ``inferred`` (« target|evidence ») legs."""
    return {"source": "BAC", "from_departements": None, **kw}


def test_two_schools_that_follow_each_other_are_suggested_with_a_rank_and_the_links_sources() -> (
    None
):
    got = suggested_partnerships(data([leg(documented=["BTS"])]))
    assert [f.data["pair"] for f in got] == ["school-continuation"]
    f = got[0]
    assert f.data["rank"] == 1
    # the offers' files and the passerelle's source, not the directory naming the lycées
    assert PARCOURSUP not in f.sources
    cited = {cite(s) for s in f.sources}
    assert "Affelnet lycée : capacités et vœux, Éducation nationale, 2022" in cited
    assert any("nomenclatures" in c for c in cited)
    assert not any("Parcoursup" in c for c in cited)


def test_a_documented_passerelle_is_cited_by_its_own_source() -> None:
    doc = "004_4d74e85f9a48366b.txt §6.1 « BTS et Bac Pro »"
    got = suggested_partnerships(data([leg(documented=[f"BTS|{doc}"])]))
    assert doc in got[0].sources


def test_a_leg_matched_on_a_broad_nsf_group_alone_is_no_ground() -> None:
    bare = leg(inferred=["BTS|groupe NSF 330 (plusieurs spécialités du domaine 33x)"])
    assert suggested_partnerships(data([bare], nsf="330")) == []
    # the same target by a leg with evidence of its own, or a documented one, is one
    own = "BTS|partagent les métiers ROME H2913 ; même groupe NSF 330"
    assert suggested_partnerships(data([{**bare, "inferred": [*bare["inferred"], own]}], nsf="330"))
    assert suggested_partnerships(data([{**bare, "documented": ["BTS"]}], nsf="330"))
    assert suggested_partnerships(data([leg(inferred=["BTS|domaine NSF 33x"])], nsf="330")) == []
    # two diplomas of one group stay a ground even when matched on it alone
    narrow = leg(inferred=["BTS|groupe NSF 250"])
    assert suggested_partnerships(data([narrow], nsf="250"))


def test_broad_matches() -> None:
    assert broad_match("groupe NSF 300") and broad_match("domaine NSF 31x")
    assert broad_match("groupe NSF 330 (plusieurs spécialités du domaine 33x)")
    assert not broad_match("groupe NSF 330") and not broad_match("même groupe NSF 250")
    assert broad_match("domaines NSF voisins 31x et 32x")
    assert not broad_match("groupe NSF 251")
    assert not broad_match("partagent les métiers ROME H2913 ; même groupe NSF 300")


def test_pairs_beyond_what_a_learner_travels_are_not_suggested() -> None:
    assert haversine_km(*RENNES, *REDON) > REACH_KM
    assert suggested_partnerships(data([leg(documented=["BTS"])], b_at=REDON)) == []
    assert REACH_KM <= 50.0


def test_the_csv_says_the_rank_not_the_score() -> None:
    got = suggested_partnerships(data([leg(documented=["BTS"])]))
    text = measures_fr(got[0].data)
    assert "score" not in text and "rang parmi les rapprochements suggérés : 1" in text
    section = Section(
        id="suggested_partnerships", title="t", description="d", total=1, findings=got
    )
    report = GapReport(territory="t", counts={}, sections=[section])
    csv_text = report_csv(report, "suggested_partnerships")
    assert "score" not in csv_text and "Parcoursup" not in csv_text


def test_a_group_heading_a_whole_area_is_not_named_as_shared() -> None:
    """Two schools whose passerelle lies in 300 (« Services (plusieurs spécialités) ») were
    said to share that « domaine »: it says nothing of a trade (Nord: 178 suggestions)."""
    assert suggested_partnerships(data([leg(documented=["BTS"])], nsf="300")) == []
    got = suggested_partnerships(data([leg(documented=["BTS"])], nsf="312"))
    assert got and "Commerce, vente" in got[0].why
