"""Bac technologique → the engineering tracks the Parcoursup extract's labels name
(graph.inference.bac_techno_tracks), over plain diplomas and the extract's own labels."""

from __future__ import annotations

from graph.inference import DiplomaFacts
from graph.inference.bac_techno import leg_sentence
from graph.inference.bac_techno_tracks import RULE, track_legs

STI2D_AC = DiplomaFacts("43020003", "bac_techno", 4, nsf="200")
STL_SPCL = DiplomaFacts("43020008", "bac_techno", 4, nsf="200")
STL_BIO = DiplomaFacts("43020009", "bac_techno", 4, nsf="200")
STMG = DiplomaFacts("43031017", "bac_techno", 4, nsf="310")
ST2S = DiplomaFacts("43033104", "bac_techno", 4, nsf="331")
FIRST_YEAR = DiplomaFacts("43020010", "bac_techno", 4, nsf="200", examined=False)
BAC_GENERAL = DiplomaFacts("47010019", "bac_general", 4, nsf="100")
BACS = [STI2D_AC, STL_SPCL, STL_BIO, STMG, ST2S, FIRST_YEAR, BAC_GENERAL]
LABELS = {
    "PS-ING-STI2D": "Formation d ingenieur Bac + 5   bac STI2D",
    "PS-ING-SPCL": "Formation d ingenieur Bac + 5   Bac STL (Specialite SPCL)",
    "PS-ING-OTHERS": "Formation d ingenieur Bac + 5   Autres Series (Bac STL, STI2D, STAV, ST2S)",
    "PS-ING-TECHNO": "Formation d ingenieur Bac + 5   Bacs technologiques",
    "PS-ING-GENERAL": "Formation d ingenieur Bac + 5   Bac general",
    "PS-ING-CPI": "Formation d ingenieur Bac + 5   Cycle Preparatoire Integre   Specialite BTP",
}


def _pairs() -> set[tuple[str, str]]:
    return {(p.from_code, p.to_code) for p in track_legs(BACS, LABELS)}


def test_a_label_that_names_series_opens_the_track_to_them_only() -> None:
    got = _pairs()
    assert {(b, t) for b, t in got if t == "PS-ING-STI2D"} == {(STI2D_AC.code, "PS-ING-STI2D")}
    assert {(b, t) for b, t in got if t == "PS-ING-SPCL"} == {(STL_SPCL.code, "PS-ING-SPCL")}
    assert {b for b, t in got if t == "PS-ING-OTHERS"} == {
        STI2D_AC.code,
        STL_SPCL.code,
        STL_BIO.code,
        ST2S.code,
    }


def test_a_label_that_says_technologique_opens_it_to_every_series() -> None:
    got = _pairs()
    assert {b for b, t in got if t == "PS-ING-TECHNO"} == {
        STI2D_AC.code,
        STL_SPCL.code,
        STL_BIO.code,
        STMG.code,
        ST2S.code,
    }


def test_no_track_for_a_general_label_a_course_year_or_a_bac_general() -> None:
    got = _pairs()
    assert not {t for _, t in got} & {"PS-ING-GENERAL", "PS-ING-CPI"}
    assert not {b for b, _ in got} & {FIRST_YEAR.code, BAC_GENERAL.code}


def test_the_leg_quotes_the_label_and_is_not_documented() -> None:
    (leg,) = [p for p in track_legs([STI2D_AC], {"PS-ING-STI2D": LABELS["PS-ING-STI2D"]})]
    assert (leg.rule, leg.id) == (RULE, f"inf-{RULE}-43020003-ps-ing-sti2d")
    assert leg_sentence(leg.field_match) == (
        "après un bac technologique, admission sur dossier via Parcoursup ; voie d'accès nommée "
        "par l'intitulé Parcoursup « Formation d ingenieur Bac + 5 – bac STI2D » (non documentée)"
    )
    documented = {(STI2D_AC.code, "PS-ING-STI2D")}
    assert all(p.to_code != "PS-ING-STI2D" for p in track_legs([STI2D_AC], LABELS, documented))
