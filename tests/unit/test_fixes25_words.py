"""tester25's pure rules: the last exam session, a closed first year, how a step is entered,
one way in said once, the field of a start by level, the refusal of a field above the 3e."""

from __future__ import annotations

from pathlib import Path

from graph.ingest.opendata.bcn import entry_closings
from graph.pathways.closing import closing_parts, entry_barred, open_entries_first
from graph.pathways.entry_words import entry_part, same_seats
from graph.pathways.history import CommonFigures, YearFigures
from graph.pathways.request import field_start_refusal
from graph.pathways.unreached_goals import asked_field

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_fixes25"


def test_the_entry_closings_of_the_fixture() -> None:
    """nMef: the Bac pro CTRM's 2de pro closes on 31/08/2025; the CAP conducteur routier
    marchandises' first years on 31/08/2020 (3 years), 2025 (2 years) and 2026 (1 year): the
    latest counts; a diploma with an open first year is not named."""
    got = entry_closings(FIXTURE / "nMef.csv")
    assert got["40031107"] == "2025-08-31"
    assert got["50031117"] == "2026-08-31"
    assert "40031117" not in got  # the renovated Bac pro, open
    assert entry_closings(FIXTURE / "nMef.csv", 2)["40031107"] == "2026-08-31"  # its 1re pro


def test_a_one_year_diploma_is_warned_by_its_last_session() -> None:
    mc = {"code": "m", "type": "mc", "name": "MC M", "closing_date": "2028-08-31"}
    assert closing_parts({"level": 3}, [{**mc, "last_session": 2027}], {}, 2027)[0]
    assert closing_parts({"level": 3}, [{**mc, "last_session": 2028}], {}, 2027) == [None]
    said = closing_parts({"level": 3}, [mc], {}, 2028)[0]
    assert said is not None and "la BCN ne donne pas sa dernière session d'examen" in said


def test_a_closed_first_year_bars_the_3e_pupil_not_the_cap_holder() -> None:
    bac = {"code": "b", "type": "bac_pro", "entry_closed": "2025-08-31"}
    assert entry_barred({"level": 2}, [bac], 2027) == [True]
    assert entry_barred({"level": 3}, [bac], 2027) == [False]  # enters the 1re pro
    closed_1re = {**bac, "second_closed": "2026-08-31"}
    assert entry_barred({"level": 3}, [closed_1re], 2027) == [True]
    assert entry_barred({"level": 2}, [{"type": "cap"}, closed_1re], 2025) == [False, True]
    said = closing_parts({"level": 3}, [{**closed_1re, "name": "B"}], {}, 2027)[0]
    assert said == "plus d'entrée possible en 1re pro depuis la rentrée 2026", said
    assert entry_barred({"level": 2}, [bac], 2024) == [False]  # before it closed
    assert open_entries_first(["x", "y"], [True, False]) == ["y", "x"]


def test_entry_words() -> None:
    common = CommonFigures("c", "Métiers de l'alimentation", 24, 48)
    y = YearFigures(2022, 24, 30, 1.25, "first_wishes", 2, common)
    said = entry_part(True, "bac_pro", y)
    assert said is not None
    assert said.startswith("entrée après la 3e en 2de commune de la famille « Métiers de l'al")
    assert "24 places · 48 premiers vœux Affelnet en 2022" in said
    assert entry_part(False, "bac_pro", y) == (
        "entrée en 1re pro (places et vœux indiqués : ceux de la 1re pro)"
    )
    assert entry_part(True, "cap", YearFigures(2022, 12, 3, 0.25)) is None


def test_same_seats_pairs_a_2de_commune_and_its_speciality_only() -> None:
    spec = (("a", "bp"), ("a", "common"))
    other_spec = (("a", "cuisine"), ("a", "common"))
    common = (("a", "common"), None)
    assert same_seats([spec, other_spec]) == [None, None]  # two specialities: not paired
    assert same_seats([spec, other_spec, common]) == [None, None, 1]
    assert same_seats([(("b", "common"), None), spec]) == [None, None]  # another lycée


def test_the_field_of_a_start_by_level() -> None:
    assert asked_field("nsf-221", []) == "221"
    assert asked_field("filiere-x", [{"nsf": "254"}, {"nsf": "254"}]) == "254"
    assert asked_field("filiere-x", [{"nsf": "254"}, {}]) is None
    assert asked_field(None, [{"nsf": "254"}]) is None


def test_the_refusal_says_what_to_change() -> None:
    said = field_start_refusal("Commerce, vente", 4)
    assert "depuis la fin de 3e" in said and "niveau 4" in said and "retirez le domaine" in said
    assert "niveau" not in field_start_refusal("Commerce, vente", None)
