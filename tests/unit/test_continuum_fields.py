"""The « toutes filières » continuum counts a Bac+3 or a Bac+5 only where it continues a lower
level of its own field (same NSF group, or a shared ROME code): the Creuse's only Bac+5, a DSAA
in design (NSF 220, after a DN MADE), made its report say « Tous les niveaux du CAP au Bac+5 y
sont proposés »."""

from __future__ import annotations

from typing import Any

from graph.gaps.continuum import continuum_breaks, field_continuum
from graph.gaps.notes import ALL_LEVELS, section_notes
from tests.unit.test_gap_sections import inside, offer_row

Row = dict[str, Any]


def _row(actor: str, code: str, level: int, nsf: str | None, rome: tuple[str, ...] = ()) -> Row:
    r = offer_row(actor, code, level, sectors=[])
    r["diploma"].update(nsf=nsf, rome_codes=list(rome), name=f"Diplôme {code}")
    return r


def _creuse() -> list[Row]:
    return [
        _row("lp", "CAP-MECA", 3, "251"),
        _row("lp", "BACPRO-MECA", 4, "251"),
        _row("lp", "BTS-CPI", 5, "250", ("H1203",)),
        _row("iut", "BUT-SOCIAL", 6, "335"),  # no CAP, Bac nor Bac+2 of its field here
        _row("iut", "BUT-GMP", 6, "251"),
        _row("loewy", "DNMADE", 6, "220"),
        _row("loewy", "DSAA", 7, "220"),
    ]


def test_a_design_dsaa_is_no_bac5_of_the_territorys_continuum() -> None:
    d = inside(offers=_creuse(), sectors=[])
    [f] = continuum_breaks(d)
    assert f.id == "continuum:*"
    assert f.data["levels_offered"] == [3, 4, 5, 6] and f.data["levels_missing"] == [7]
    assert (
        "Non compté : Diplôme DSAA (Loewy) : aucune formation de niveau inférieur du même "
        "domaine de formation (NSF) ni du même métier (ROME) ne le précède sur ce territoire, "
        "il ne prolonge pas le continuum."
    ) in f.why
    assert "DNMADE" not in f.why  # its level (6) is offered all the same
    notes = section_notes(d, {"continuum_breaks": [f]})
    assert ALL_LEVELS.strip() not in notes["continuum_breaks"]


def test_a_bac5_continuing_a_lower_level_of_its_field_counts() -> None:
    engineer = _row("ensi", "ING-MECA", 7, "251")
    by_rome = _row("ensi", "ING-CONCEPTION", 7, "200", ("H1203",))
    kept, aside = field_continuum([*_creuse(), engineer, by_rome])
    assert engineer in kept and by_rome in kept  # NSF 251 from the CAP; ROME from the BTS
    assert [r["diploma"]["code"] for r in aside] == ["BUT-SOCIAL", "DNMADE", "DSAA"]
    d = inside(offers=[*_creuse(), engineer], sectors=[])
    assert continuum_breaks(d) == []  # every level, within the mechanical field


def test_a_level_whose_files_hold_no_row_of_the_territory_is_not_covered_not_absent() -> None:
    """Saint-Pierre-et-Miquelon: « Absents : Bac+2 (5) », severity medium, while no post-bac
    file (Parcoursup, the BTS files) holds a single row of it; only the constat covers it."""
    rows = [_row("lycee", "CAP-X", 3, "251"), _row("lycee", "BAC-X", 4, "251")]
    for r in rows:
        r["offer"]["source"] = "constat_2020.csv (constat de rentrée 2020)"
    d = inside(offers=rows, sectors=[])
    d.level_sources = {
        3: frozenset({"constat_2020.csv (constat de rentrée 2020)"}),
        4: frozenset({"constat_2020.csv (constat de rentrée 2020)"}),
        5: frozenset(
            {
                "fr-esr-parcoursup_extrait.csv (Parcoursup)",
                "constat_2020.csv (constat de rentrée 2020)",
            }
        ),
    }
    d.territory_sources = {"constat_2020.csv (constat de rentrée 2020)"}
    [f] = continuum_breaks(d)
    assert f.data["levels_not_covered"] == [5], f.data
    assert 5 not in f.data["levels_missing"] and f.severity != "high"
    assert "Absents : Bac+2" not in f.why, f.why
    assert "Bac+2 (5) : aucune ligne de ce territoire dans « Parcoursup" in f.why, f.why
    assert "une absence n'est pas établie" in f.why and ".csv" not in f.why
    # where those files list some row of the territory, the level is absent as before
    d.territory_sources |= {"fr-esr-parcoursup_extrait.csv (Parcoursup)"}
    [f] = continuum_breaks(d)
    assert "Absents : Bac+2 (5)" in f.why and f.data["levels_not_covered"] == []


def test_two_campuses_filieres_of_the_same_name_are_told_apart_by_campus() -> None:
    """The Auvergne-Rhône-Alpes report showed two identical « Continuum Maintenance
    industrielle », one per campus, with no campus named."""
    from tests.unit.test_gap_sections import offer_row, sector_row

    a = {**sector_row("auto-maintenance", name="Maintenance industrielle"), "campuses": ["c1"]}
    b = {**sector_row("maintenance", name="Maintenance industrielle"), "campuses": ["c2"]}
    rows = [
        offer_row("lp", "BAC1", 4, sectors=["auto-maintenance", "maintenance"]),
        offer_row("lp2", "BTS1", 5, sectors=["auto-maintenance", "maintenance"]),
    ]
    d = inside(offers=rows, sectors=[a, b], local_campuses={"c1", "c2"})
    d.campus_names = {"c1": "Campus Auto-Mobilités", "c2": "CMQ Industrie du futur"}
    titles = sorted(f.title for f in continuum_breaks(d) if f.id != "continuum:*")
    assert titles == [
        "Continuum Maintenance industrielle (CMQ Industrie du futur)",
        "Continuum Maintenance industrielle (Campus Auto-Mobilités)",
    ], titles


def test_a_bac5_beside_engineering_programmes_of_no_known_field_is_not_said_absent() -> None:
    """tester25: « Absents : Bac+5 » for the Seine-Maritime's electrical engineering, while
    ESIGELEC offers five engineering programmes there, whose field Parcoursup does not give."""
    elec = [_row("lp", "BACPRO-ELEC", 4, "255"), _row("lp", "BTS-ELEC", 5, "255")]
    school = _row("esigelec", "PS-INGENIEUR-1", 7, None)
    school["diploma"]["type"] = "ingenieur"
    d = inside(offers=[*elec, school], inside_for_sector=elec, sectors=[])
    [f] = continuum_breaks(d, sector="nsf-255", sector_name="Électricité, électronique")
    assert f.data["levels_missing"] == [3, 6] and f.data["levels_field_unknown"] == [7]
    assert "Absents : CAP (3), Bac+3 (6)." in f.why
    assert (
        "Bac+5 (7) : aucune formation de la filière recensée ici, mais 1 formation de ce niveau "
        "proposée sur ce territoire n'a pas de domaine dans les fichiers (Diplôme PS-INGENIEUR-1 "
        "(Esigelec)) : elle peut en relever, une absence n'est pas établie (à vérifier)."
    ) in f.why
    # a programme of a known field is no such doubt, nor a licence (its name says its field)
    school["diploma"]["type"] = "licence"
    [f] = continuum_breaks(d, sector="nsf-255", sector_name="Électricité, électronique")
    assert f.data["levels_missing"] == [3, 6, 7] and f.data["levels_field_unknown"] == []
