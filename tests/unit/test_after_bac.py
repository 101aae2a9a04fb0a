"""The rule « après le bac, un diplôme d'État du même domaine via Parcoursup » (postbac26):
graph/inference/after_bac.py, pure."""

from __future__ import annotations

from graph.inference.after_bac import RULE, STRENGTH, after_bac_legs, after_bac_match
from graph.inference.bac_techno import STRENGTH as BAC_TECHNO_STRENGTH
from graph.inference.records import passerelle_props
from graph.inference.rules import MIN_STRENGTH, DiplomaFacts


def de(code: str, nsf: str, level: int = 6) -> DiplomaFacts:
    return DiplomaFacts(code, "other", level, nsf=nsf, after_bac=True)


ASSP = DiplomaFacts("40033007", "bac_pro", 4, nsf="330")
ST2S = DiplomaFacts("43033104", "bac_techno", 4, nsf="331")
STHR = DiplomaFacts("43033402", "bac_techno", 4, nsf="334")
ESTHETIQUE = DiplomaFacts("40033601", "bac_pro", 4, nsf="336")
COMMERCE = DiplomaFacts("40031201", "bac_pro", 4, nsf="312")
GENERAL = DiplomaFacts("47010019", "bac_general", 4, nsf="331")
NURSE, EDUCATOR, SOCIAL = de("26033101", "331"), de("26033202", "332"), de("26033205", "332")


def pairs(*ds: DiplomaFacts) -> set[tuple[str, str]]:
    return {(p.from_code, p.to_code) for p in after_bac_legs(ds)}


def test_a_bac_leads_to_the_state_diplomas_of_its_domain() -> None:
    got = pairs(ASSP, ST2S, NURSE, EDUCATOR, SOCIAL)
    assert got == {(a.code, b.code) for a in (ASSP, ST2S) for b in (NURSE, EDUCATOR, SOCIAL)}


def test_never_across_families_nor_from_another_domain() -> None:
    # STHR (hôtellerie) and the bac pro esthétique (beauté) share the domain 33x, not the family
    assert pairs(STHR, ESTHETIQUE, COMMERCE, NURSE, EDUCATOR) == set()


def test_never_from_the_bac_general_a_course_year_or_an_unexamined_code() -> None:
    year = DiplomaFacts("40033005", "bac_pro", 4, nsf="330", course_year=True)
    unexamined = DiplomaFacts("43033001", "bac_techno", 4, nsf="330", examined=False)
    assert pairs(GENERAL, year, unexamined, NURSE) == set()


def test_only_into_a_higher_diploma_entered_after_the_bac() -> None:
    # the same NSF group, but no Parcoursup programme (a BTS), or not higher education
    bts = DiplomaFacts("32033101", "bts", 5, nsf="331")
    level4 = de("46033202", "332", level=4)
    closed = DiplomaFacts("36033206", "other", 6, nsf="332", after_bac=True, target=False)
    assert pairs(ASSP, bts, level4, closed) == set()


def test_a_documented_pair_is_not_inferred() -> None:
    assert after_bac_legs([ASSP, NURSE], {(ASSP.code, NURSE.code)}) == []


def test_the_leg_is_weak_and_said_in_french() -> None:
    (leg,) = after_bac_legs([ASSP, NURSE])
    assert leg.rule == RULE and leg.field_match == "domaine NSF 33x"
    assert leg.strength == STRENGTH < MIN_STRENGTH <= min(BAC_TECHNO_STRENGTH.values())
    props = passerelle_props(leg, "inferred by rule x")
    assert props["origin"] == "inferred" and props["rule"] == RULE
    assert props["conditions"].startswith("Après le bac, admission sur dossier via Parcoursup")
    assert "passerelle déduite du domaine commun" in props["conditions"]
    assert after_bac_match("330", "331") == "domaine NSF 33x"
