"""The bac technologique → BTS / BUT rule (graph.inference.bac_techno), over plain diplomas."""

from __future__ import annotations

from graph.inference import DiplomaFacts, infer_passerelles
from graph.inference.bac_techno import RULE, series_match
from graph.inference.bac_techno_legs import bac_techno_programme_legs
from graph.inference.evidence import Evidence

STMG = DiplomaFacts("43031017", "bac_techno", 4, nsf="310")
STI2D = DiplomaFacts("43020006", "bac_techno", 4, nsf="200")
# Certif Info gives ST2S one arbitrary job (M1609): it must not keep ST2S from the social BTS
ST2S = DiplomaFacts(
    "43033104", "bac_techno", 4, nsf="331", evidence=Evidence(rome=frozenset({"M1609"}))
)
FIRST_YEAR = DiplomaFacts("43031016", "bac_techno", 4, nsf="310", examined=False)
BAC_GENERAL = DiplomaFacts("47010019", "bac_general", 4, nsf="100")
BAC_PRO = DiplomaFacts("40031106", "bac_pro", 4, nsf="311")
MCO = DiplomaFacts("32031213", "bts", 5, nsf="312")
SIO = DiplomaFacts("32032613", "bts", 5, nsf="326")
ELEC = DiplomaFacts("32025520", "bts", 5, nsf="255")
SP3S = DiplomaFacts("32033002", "bts", 5, nsf="330", evidence=Evidence(rome=frozenset({"K1201"})))
MHR = DiplomaFacts("32033422", "bts", 5, nsf="334")
GTLA = DiplomaFacts("32031103", "bts", 5, nsf="311")
LP = DiplomaFacts("25031099", "licence_pro", 6, nsf="310")


def _pairs(*ds: DiplomaFacts) -> set[tuple[str, str]]:
    return {(p.from_code, p.to_code) for p in infer_passerelles(list(ds), set()) if p.rule == RULE}


def test_each_series_leads_to_the_bts_of_its_field_only() -> None:
    got = _pairs(STMG, STI2D, ST2S, MCO, SIO, ELEC, SP3S, MHR, GTLA, LP)
    assert got == {
        (STMG.code, MCO.code),
        (STMG.code, GTLA.code),
        (STMG.code, SIO.code),  # tertiaire → informatique
        (STMG.code, MHR.code),  # tertiaire → hôtellerie (fields.NEIGHBOURS)
        (STI2D.code, ELEC.code),  # 20x: every production speciality
        (ST2S.code, SP3S.code),  # despite its Certif Info job
    }


def test_a_course_year_a_bac_general_and_a_bac_pro_get_no_such_leg() -> None:
    assert not _pairs(FIRST_YEAR, BAC_GENERAL, BAC_PRO, MCO, GTLA, SIO)


def test_a_documented_pair_is_not_inferred_again() -> None:
    got = infer_passerelles([STMG, MCO], {(STMG.code, MCO.code)})
    assert not [p for p in got if p.rule == RULE]


def test_the_leg_carries_its_field_and_strength() -> None:
    (leg,) = [p for p in infer_passerelles([STMG, MCO], set()) if p.rule == RULE]
    assert (leg.field_match, leg.strength, leg.kind) == ("domaine NSF 31x", 0.3, "continuation")
    assert leg.id == f"inf-{RULE}-{STMG.code}-{MCO.code}"


def test_the_bac_pro_legs_do_not_change() -> None:
    with_bacs = infer_passerelles([BAC_PRO, STMG, STI2D, GTLA, MCO, ELEC], set())
    without = infer_passerelles([BAC_PRO, GTLA, MCO, ELEC], set())
    assert [p for p in with_bacs if p.rule != RULE] == without


def test_the_extract_buts_of_the_field_are_reached() -> None:
    but_info = DiplomaFacts("PS-BUT-1", "but", 6, nsf="326")
    but_gea = DiplomaFacts("PS-BUT-2", "but", 6, nsf="314")
    but_carrieres = DiplomaFacts("PS-BUT-3", "but", 6, nsf="332")
    legs = bac_techno_programme_legs(
        [STMG, STI2D, FIRST_YEAR, BAC_PRO], [but_info, but_gea, but_carrieres]
    )
    assert {(p.from_code, p.to_code) for p in legs} == {
        (STMG.code, "PS-BUT-1"),
        (STMG.code, "PS-BUT-2"),
    }


def test_series_match_never_crosses_categories_nor_families_apart() -> None:
    assert series_match("200", "326") is None  # production → services
    assert series_match("331", "336") is None  # personnes → beauté
    assert series_match("310", "332") is None  # tertiaire → personnes
    assert series_match("210", "251") is None  # agriculture → industrie
    assert series_match("210", "213") == ("domaine NSF 21x", 0.3)  # STAV → BTSA
    assert series_match("334", "312") == ("domaines NSF voisins 33x et 31x", 0.2)  # STHR
    assert series_match("310", None) is None
    assert series_match("399", "312") is None  # « 2nd cycle » aggregate
