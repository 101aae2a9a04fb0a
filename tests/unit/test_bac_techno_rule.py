"""The bac technologique → BTS / BUT rule (graph.inference.bac_techno), over plain diplomas."""

from __future__ import annotations

from graph.inference import DiplomaFacts, infer_passerelles
from graph.inference.bac_techno import RULE, leg_sentence, series_match
from graph.inference.bac_techno_cpge import RULE as CPGE_RULE
from graph.inference.bac_techno_legs import bac_techno_programme_legs
from graph.inference.bac_techno_specialities import SPECIALITIES
from graph.inference.evidence import Evidence

STMG = DiplomaFacts("43031017", "bac_techno", 4, nsf="310")
STI2D = DiplomaFacts("43020006", "bac_techno", 4, nsf="200")  # speciality SIN
STI2D_AC = DiplomaFacts("43020003", "bac_techno", 4, nsf="200")
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
        (STI2D.code, SIO.code),  # SIN → informatique (bac_techno_specialities)
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
        (STI2D.code, "PS-BUT-1"),  # SIN → BUT informatique (bac_techno_specialities)
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


BATIMENT = DiplomaFacts("32023012", "bts", 5, nsf="230")
TP = DiplomaFacts("32023206", "bts", 5, nsf="232")
CIEL = DiplomaFacts("32020116", "bts", 5, nsf="201")
CPI = DiplomaFacts("32020009", "bts", 5, nsf="200")


def _strengths(*ds: DiplomaFacts) -> dict[tuple[str, str], float]:
    return {
        (p.from_code, p.to_code): p.strength
        for p in infer_passerelles(list(ds), set())
        if p.rule == RULE
    }


def test_a_bac_sti2d_ac_ranks_the_building_bts_first_and_keeps_the_others() -> None:
    """Rennes, STI2D « architecture et construction » → BTS: CIEL, CRSA and CPI came first."""
    got = _strengths(STI2D_AC, BATIMENT, TP, CIEL, CPI, ELEC, SIO)
    ac = {to: s for (fr, to), s in got.items() if fr == STI2D_AC.code}
    assert min(ac[BATIMENT.code], ac[TP.code]) > max(ac[CIEL.code], ac[CPI.code], ac[ELEC.code])
    assert SIO.code not in ac  # services: neither the series nor the speciality reaches it


def test_a_bac_sti2d_sin_ranks_ciel_and_sio_first() -> None:
    got = _strengths(STI2D, BATIMENT, CIEL, SIO, CPI)
    sin = {to: s for (fr, to), s in got.items() if fr == STI2D.code}
    assert min(sin[CIEL.code], sin[SIO.code]) > max(sin[BATIMENT.code], sin[CPI.code])


def test_a_speciality_leg_says_it_is_our_ranking() -> None:
    (leg,) = [p for p in infer_passerelles([STI2D_AC, TP], set()) if p.rule == RULE]
    assert leg.field_match.startswith("spécialité architecture et construction"), leg
    said = leg_sentence(leg.field_match)
    assert "classée en premier" in said and "non documenté" in said, said


def test_the_speciality_table_names_the_bcn_specialities_of_the_national_files() -> None:
    """Each code of the table is a speciality of the fixture's BCN file (cut from the national
    one), with the label the table names and a field the BCN classifies as the basis says."""
    import csv
    from pathlib import Path

    path = (
        Path(__file__).resolve().parents[1] / "fixtures/opendata_bactechno/nFormationDiplome_.csv"
    )
    with path.open(encoding="cp1252", newline="") as f:
        bcn = {r["FORMATION_DIPLOME"]: r for r in csv.DictReader(f, delimiter=";")}
    for code, s in SPECIALITIES.items():
        row = bcn[code]
        assert row["NIVEAU_FORMATION_DIPLOME"] == "430" and row["GROUPE_SPECIALITE"] == "200"
        assert _fold(s.name) in _fold(row["LIBELLE_LONG_200"]), (code, row["LIBELLE_LONG_200"])
        assert f"CITE {row['CITE_DOMAINE_FORMATION']}" in s.basis, (code, s.basis)


def _fold(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = plain.replace("-", " ").replace("'", " ").upper().split()
    return " ".join(w.removesuffix("S") for w in words)  # « SYSTÈME » in the BCN


TSI = DiplomaFacts("37011022", "cpge", None, nsf="110")
TB = DiplomaFacts("37011025", "cpge", None, nsf="110")
ECT = DiplomaFacts("37012020", "cpge", None, nsf="120")
MPSI = DiplomaFacts("37011018", "cpge", None, nsf="110")
STL_BIO = DiplomaFacts("43020009", "bac_techno", 4, nsf="200")
STAV = DiplomaFacts("43321005", "bac_techno", 4, nsf="210")


def test_each_series_leads_to_the_cpge_of_its_technological_track() -> None:
    """Bac techno → CPGE was not inferred: no TSI for a bac STI2D, no ECT for a bac STMG."""
    legs = infer_passerelles(
        [STI2D, STI2D_AC, STMG, ST2S, STL_BIO, STAV, FIRST_YEAR, TSI, TB, ECT, MPSI], set()
    )
    got = {(p.from_code, p.to_code) for p in legs if p.rule == CPGE_RULE}
    assert got == {
        (STI2D.code, TSI.code),
        (STI2D_AC.code, TSI.code),
        (STMG.code, ECT.code),
        (STL_BIO.code, TB.code),
        (STAV.code, TB.code),
    }
    tsi = next(p for p in legs if (p.from_code, p.to_code) == (STI2D_AC.code, TSI.code))
    said = leg_sentence(tsi.field_match)
    assert said == (
        "après un bac technologique, admission sur dossier via Parcoursup ; classe préparatoire "
        "TSI, voie des bacheliers STI2D et STL SPCL (non documentée)"
    )


def test_a_bac_stl_biotechnologies_reaches_the_bts_biologie_medicale_not_opticien() -> None:
    """NSF 331 « santé » is too wide for the speciality: only its BTS whose BCN title names
    the biology are opened and ranked first."""
    abm = DiplomaFacts("32033112", "bts", 5, nsf="331", title=frozenset({"BIOLOGIE", "MEDICALE"}))
    optician = DiplomaFacts(
        "32033107", "bts", 5, nsf="331", title=frozenset({"OPTICIEN", "LUNETIER"})
    )
    got = _strengths(STL_BIO, abm, optician, CIEL)
    assert (STL_BIO.code, optician.code) not in got
    assert got[(STL_BIO.code, abm.code)] > got[(STL_BIO.code, CIEL.code)]
