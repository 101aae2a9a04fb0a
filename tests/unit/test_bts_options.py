"""A BTS common first year's jobs are its options' (optionsBTS.csv), only where the file says it.

Certif Info describes the options of a BTS (BTS SIO option A, option B: ROME M1801, M1805,
M1810), never its « 1re année commune » code, so a job search missed the common year's offers
(~263 apprenticeship offers of the BTS SIO common year nationally). The fixture
(``tests/fixtures/bts_options/optionsBTS.csv``) holds the national rows of the BTS SIO and of the
two common years of the BTS esthétique (closed and renovated, sharing their options), a
duplicate row and a row without an option code.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from graph.ingest.opendata import writer
from graph.ingest.opendata.professional import options_romes, parse_bts_options
from graph.ingest.opendata.report import FileReport
from graph.pathways.explanation import meets_job

FILE = Path(__file__).resolve().parents[1] / "fixtures" / "bts_options" / "optionsBTS.csv"
SIO, SIO_A, SIO_B = "32032612", "32032613", "32032614"
ESTH_OLD, ESTH_NEW = "32033606", "32033608"
ESTH_OPTIONS = ("32033603", "32033604", "32033605")


def test_the_file_gives_each_common_year_its_options_in_order() -> None:
    report = FileReport(FILE.name, "diploma links (BTS options)")
    options = parse_bts_options(FILE, report)
    assert options == {SIO: (SIO_A, SIO_B), ESTH_OLD: ESTH_OPTIONS, ESTH_NEW: ESTH_OPTIONS}
    assert report.rows_read == 10
    assert report.rows_used == 8  # the duplicate and the row without an option are skipped


def test_a_common_year_takes_the_union_of_its_options_jobs() -> None:
    romes = {
        SIO_A: ("M1801", "M1810"),
        SIO_B: ("M1805", "M1801"),
        "32033603": ("D1208",),
        # 32033604 and 32033605: no Certif Info jobs
    }
    got = options_romes(parse_bts_options(FILE, FileReport(FILE.name, "")), romes)
    assert got[SIO] == (("M1801", "M1810", "M1805"), (SIO_A, SIO_B))
    assert got[ESTH_OLD] == got[ESTH_NEW] == (("D1208",), ("32033603",))


def test_only_where_the_files_say_it() -> None:
    """A common year with jobs of its own keeps them; options without jobs give none; a code
    the file does not list as a common year gets nothing."""
    options = {SIO: (SIO_A, SIO_B), "C": ("X",)}
    assert options_romes(options, {SIO: ("M1810",), SIO_A: ("M1801",)}) == {}
    assert options_romes({"C": ("X", "Y")}, {"Z": ("A1101",)}) == {}
    assert "32022316" not in options_romes(options, {SIO_A: ("M1801",), "32022317": ("H1203",)})


def test_the_import_writes_the_options_jobs_and_which_options_give_them() -> None:
    cert = SimpleNamespace(
        romes=("M1801", "M1810"),
        formacodes=(),
        formacode_labels=(),
        rncp=(),
        rs=(),
        type_label="BTS",
        nsf="326",
    )
    data = SimpleNamespace(
        certifications={SIO_A: cert},
        professional={},
        families={},
        rome_labels={"M1801": "Administrateur", "M1810": "Technicien"},
        bts_options={SIO: (SIO_A, SIO_B)},
    )
    via = options_romes(data.bts_options, {SIO_A: cert.romes})
    links = writer._links(cast(Any, data), SIO, via)
    assert links["romes"] == ["M1801", "M1810"]
    assert links["rome_options"] == [SIO_A]
    assert links["rome_labels"] == ["Administrateur", "Technicien"]
    own = writer._links(cast(Any, data), SIO_A, via)
    assert own["romes"] == ["M1801", "M1810"] and own["rome_options"] is None


def test_the_answer_says_the_job_is_reached_through_the_options() -> None:
    common = {"name": "BTS SIO — 1re année commune", "rome_options": [SIO_A, SIO_B]}
    said = meets_job(common, "au métier ROME M1810 (Technicien)")
    assert said.startswith("BTS SIO — 1re année commune mène au métier ROME M1810 (Technicien)")
    assert "par l'une de ses options de 2e année" in said
    assert "l'option suivie après cette 1re année commune" in said
    plain = meets_job({"name": "BTS SIO option A"}, "au métier ROME M1810")
    assert plain == "BTS SIO option A prépare au métier ROME M1810 d'après les données importées."


def test_a_bts_first_year_asked_as_a_start_says_it_is_no_diploma() -> None:
    """No passerelle starts at it any more: `from=32032612&to_level=6` said only « aucune
    passerelle connue ne mène … », as if the BTS SIO led nowhere."""
    from graph.diploma_names import seconde_start_note

    note = seconde_start_note(
        {"name": "SERVICES INFORMATIQUES AUX ORGANISATIONS BTS 1ERE ANNEE", "type": "bts"}
    )
    assert note is not None
    assert note.startswith(
        "La 1re année commune du BTS Services informatiques aux organisations n'est pas un diplôme"
    )
    assert "depuis l'option du BTS préparée" in note
    assert seconde_start_note({"name": "ELECTROTECHNIQUE (BTS)", "type": "bts"}) is None
