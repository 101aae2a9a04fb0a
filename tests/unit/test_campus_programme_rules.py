"""A campus programme's legs stay in its territory (docs/inferred-passerelles.md, « Campus
programmes »): the inference rule, the pathway scorer and the gap reports' next steps, over
plain data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.fake_store import FakeStore
from graph.gaps.demand import training_by_sector
from graph.gaps.rows import NextSteps
from graph.inference.rules import DiplomaFacts, infer_passerelles, programme_territory
from graph.ingest.seed_loader import build_statements
from graph.ingest.seeds import load_seed_dir
from graph.pathways.request import learner_departements
from graph.pathways.scoring import Offer, Scorer
from graph.territory import Point, Territory

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MV = frozenset({"012", "046"})
LP = DiplomaFacts("MV-LP-IUT-FIGEAC", "licence_pro", 6, territory=MV | {"046"})
ING = DiplomaFacts("MV-ING", "ingenieur", 7, apprenticeship=True, territory=MV)
ATS = DiplomaFacts("MV-CPGE-ATS", "cpge", 6, territory=MV)


def bts(*departements: str, code: str = "32031408", nsf: str = "314") -> DiplomaFacts:
    return DiplomaFacts(code, "bts", 5, nsf=nsf, offered_in=frozenset(departements))


def pairs(*facts: DiplomaFacts) -> dict[tuple[str, str], Any]:
    return {(p.from_code, p.to_code): p for p in infer_passerelles(facts, set())}


def test_a_bts_of_normandie_gets_no_leg_into_a_campus_programme() -> None:
    got = pairs(bts("076"), LP, ING, ATS, bts("076", code="32025014", nsf="250"))
    assert not [k for k in got if k[0].isdigit() and k[1].startswith("MV-")], got


def test_a_bts_offered_in_the_campus_territory_keeps_only_legs_of_a_shared_field() -> None:
    """A programme whose field the data does not give (the IUT Figeac licence pro, the CCI
    Aveyron mechanical engineers: no NSF group, no filière) matched every diploma: BTS tourisme
    of the Aveyron → « Diplôme d'ingénieur mécanique (CCI de l'Aveyron) » ranked first. A
    continuation now needs a shared field; the ATS class keeps its rule (an industrial BTS)."""
    got = pairs(bts("046", "076"), LP, ING, bts("012", code="32025014", nsf="250"), ATS)
    assert not [k for k in got if k[0].isdigit() and k[1] in {"MV-LP-IUT-FIGEAC", "MV-ING"}], got
    assert got[("32025014", "MV-CPGE-ATS")].from_departements == ("012", "046")
    assert ("32031408", "MV-CPGE-ATS") not in got  # comptabilité gestion: not industrial
    tourism = bts("012", code="32033426", nsf="334")
    lp_g2ebi = DiplomaFacts("MV-LP-G2EBI", "licence_pro", 6, territory=MV)
    assert [k for k in pairs(tourism, lp_g2ebi, ING, ATS) if k[0] == tourism.code] == []


def test_no_leg_out_of_a_programme_of_unknown_field() -> None:
    but = DiplomaFacts("MV-BUT", "but", 6, territory=MV)
    near = DiplomaFacts(
        "17025002", "ingenieur", 7, nsf="250", apprenticeship=True, offered_in=frozenset({"012"})
    )
    assert pairs(but, near) == {}


def test_a_licence_pro_of_the_domain_is_still_inferred() -> None:
    """From a BTS of the domain's « plusieurs spécialités » group (250), a licence pro of the
    domain is still reached (answers22: not by the domain alone), and from anywhere."""
    lp = DiplomaFacts("25025001", "licence_pro", 6, nsf="251")
    (leg,) = infer_passerelles([bts("076", code="32025014", nsf="250"), lp], set())
    assert leg.field_match == "groupe NSF 250 (plusieurs spécialités du domaine 25x)"
    assert leg.from_departements == ()


def test_a_national_diploma_or_an_unlocated_programme_has_no_territory() -> None:
    assert programme_territory("32031408", ["012"], ["046"]) == frozenset()
    assert programme_territory("MV-LP", [], ["046"]) == frozenset()
    assert programme_territory("MV-LP", ["012", "046"], ["081"]) == {"012", "046", "081"}


def offer(code: str, actor: str, departement: str) -> Offer:
    row = {"status": "open", "modality": "school", "departement": departement}
    return Offer(code, {"id": actor, "name": actor.title()}, row, True)


def test_the_scorer_holds_a_local_leg_only_from_the_territory() -> None:
    start = {"code": "32031408", "name": "BTS CG", "type": "bts", "level": 5}
    goal = {"code": "MV-LP", "name": "LP", "type": "licence_pro", "level": 6}
    leg = {"passerelle_origin": "inferred", "kind": "continuation", "strength": 0.1}
    leg["from_departements"] = ["012", "046"]
    offers = {"MV-LP": [offer("MV-LP", "iut-figeac", "046")]}
    rouen = Scorer(offers, fields={}, allow_outside=True, start_departements=["076"])
    rodez = Scorer(offers, fields={}, allow_outside=True, start_departements=["012"])
    unknown = Scorer(offers, fields={}, allow_outside=True)
    assert rouen.score([start, goal], [leg]) is None
    assert unknown.score([start, goal], [leg]) is None
    assert rodez.score([start, goal], [leg]) is not None


def test_a_campus_passerelle_into_its_own_programme_carries_the_territory() -> None:
    statements, _ = build_statements(load_seed_dir(SEEDS))
    legs: list[dict[str, Any]] = [
        r
        for st in statements
        if st.name == "load_link_leads_to"
        for r in st.params["rows"]
        if r["b"] == "MV-LP-IUT-FIGEAC" and r["props"]["passerelle_origin"] == "documented"
    ]
    assert legs and all(r["props"]["from_departements"] == ["012", "046"] for r in legs)
    national = [
        r
        for st in statements
        if st.name == "load_link_leads_to"
        for r in st.params["rows"]
        if not r["b"].startswith("MV-") and r["props"]["passerelle_origin"] == "documented"
    ]
    assert national and not any(r["props"].get("from_departements") for r in national)


def test_gap_next_steps_of_an_offer_depend_on_where_it_is() -> None:
    legs: list[dict[str, Any]] = [
        {"source": "BTS", "target": "LP"},
        {"source": "BTS", "target": "MV-LP", "origin": "inferred", "from_departements": ["046"]},
        {"source": "BTS", "target": "MV-ATS", "origin": "documented", "from_departements": ["046"]},
    ]
    n = NextSteps(legs)
    assert n.at("BTS", "076") == {"LP"}
    assert n.at("BTS", "046") == {"LP", "MV-LP", "MV-ATS"}


def test_an_imported_programme_trains_for_a_sector_by_its_jobs() -> None:
    ms = {"diploma": {"code": "32025014", "rome_codes": ["I1304", "I1309"]}, "sectors": []}
    cg = {"diploma": {"code": "32031408", "rome_codes": ["M1203"]}, "sectors": []}
    seeded = {"diploma": {"code": "S", "rome_codes": None}, "sectors": ["maintenance"]}
    got = training_by_sector(
        [ms, cg, seeded],
        [{"id": "industrial-maintenance", "rome": ["I1304", "I1310"]}, {"id": "maintenance"}],
    )
    assert got["industrial-maintenance"] == [ms]
    assert got["maintenance"] == [seeded]


def test_where_the_learner_holds_the_start_diploma() -> None:
    store = FakeStore({"campus_exists": [{"id": "mv", "departements": ["012", "046"]}]})
    rouen = Point(lat=49.443, lon=1.099)
    assert learner_departements(store, rouen, Territory(departements=["046"])) == ["076"]
    assert learner_departements(store, None, Territory(departements=["063"])) == ["063"]
    assert learner_departements(store, None, Territory(campus="mv")) == ["012", "046"]
    assert learner_departements(store, None, Territory(region="28")) == [
        "014",
        "027",
        "050",
        "061",
        "076",
    ]
    assert learner_departements(store, None, Territory()) is None
    assert [c.name for c in store.calls] == ["campus_exists"]


def test_a_leg_matched_on_a_campus_filiere_holds_on_that_campus_s_territory() -> None:
    """A filière is a campus's grouping of its diplomas: two national diplomas a campus file puts
    in one filière continue into each other for learners of that campus's territory, not all
    over France (issue 11: a fact of one campus never speaks for another territory)."""
    mv = frozenset({"012", "046"})
    bac = DiplomaFacts(
        "40099001",
        "bac_pro",
        4,
        nsf="250",
        fields=frozenset({"chaudronnerie"}),
        field_territory=mv,
        offered_in=frozenset({"012", "076"}),
    )
    bts = DiplomaFacts(
        "32099001", "bts", 5, nsf="254", fields=frozenset({"chaudronnerie"}), field_territory=mv
    )
    (leg,) = infer_passerelles([bac, bts], set())
    assert leg.field_match.startswith("filière commune")
    assert leg.from_departements == ("012", "046")
    elsewhere = DiplomaFacts(
        "40099001",
        "bac_pro",
        4,
        nsf="250",
        fields=frozenset({"chaudronnerie"}),
        field_territory=mv,
        offered_in=frozenset({"076"}),
    )
    assert infer_passerelles([elsewhere, bts], set()) == []
