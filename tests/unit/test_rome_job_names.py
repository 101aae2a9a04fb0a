"""Job names from rome.csv and the words that choose a job, without a database.

rome.csv names each ROME code by one of its jobs and files about 77 jobs under a parent code
(« F1619 Couvreur / Couvreuse » under F1610): the import named F1610 « Monteur / Monteuse de
panneaux photovoltaïques » alone, and no word found the couvreur. The words chose a job by a
close spelling (« viticulteur » -> A1409 « Aviculteur ») or by the first word of a longer
name (« cuisinier » -> H3303 « Cuisinier / Cuisinière en industrie chimique »)."""

from __future__ import annotations

from pathlib import Path

from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rome import parse_rome_labels
from graph.rome_jobs import RomeJob, find_jobs, job_for_words

ROME_CSV = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_jobhonest" / "rome.csv"


def _labels() -> dict[str, str]:
    report = FileReport(ROME_CSV.name, "job names (ROME)")
    labels = parse_rome_labels(ROME_CSV, report)
    assert report.rows_used == report.rows_read
    return labels


def test_a_code_is_named_by_its_own_job_then_the_jobs_filed_under_it() -> None:
    labels = _labels()
    assert labels["F1610"] == (
        "Monteur / Monteuse de panneaux photovoltaïques ; Couvreur / Couvreuse"
    )
    assert labels["F1619"] == "Couvreur / Couvreuse"  # the child keeps its own code
    assert labels["A1405"].split(" ; ") == [
        "Arboriculteur / Arboricultrice",
        "Viticulteur / Viticultrice",
        "Chef / Cheffe de culture responsable d'unité de production agricole",
    ]
    assert labels["G1602"] == "Commis / Commise de cuisine ; Cuisinier / Cuisinière de collectivité"
    assert labels["H2913"] == "Soudeur / Soudeuse"  # a code without child rows: unchanged


def test_a_file_without_parent_codes_names_each_code_by_its_row(tmp_path: Path) -> None:
    path = tmp_path / "rome.csv"
    path.write_text(
        "code_rome;libelle_rome\nF1610;Monteur / Monteuse\nF1619;Couvreur / Couvreuse\n",
        encoding="utf-8",
    )
    got = parse_rome_labels(path, FileReport(path.name, "x"))
    assert got == {"F1610": "Monteur / Monteuse", "F1619": "Couvreur / Couvreuse"}


def _jobs() -> list[RomeJob]:
    """The codes some diploma trains for (Certif Info names the parent codes, not F1619)."""
    diplomas = {"G1602": 9, "G1601": 4, "A1405": 3, "A1409": 2, "H3303": 1, "F1610": 2}
    return [
        RomeJob(code, name, diplomas[code]) for code, name in _labels().items() if code in diplomas
    ]


def test_a_close_spelling_is_never_the_job() -> None:
    only_poultry = [j for j in _jobs() if j.code != "A1405"]  # no job named « viticulteur »
    one, choices = job_for_words(only_poultry, "viticulteur")
    assert one is None
    assert [j.code for j in choices] == ["A1409"]  # offered, not taken
    assert not find_jobs(only_poultry, "viticulteur", close=False)


def test_the_words_of_a_name_choose_its_code_whatever_the_accent_case_or_gender() -> None:
    jobs = _jobs()
    for words in ("viticulteur", "Viticultrice", "VITICULTEUR"):
        one, _ = job_for_words(jobs, words)
        assert one is not None and one.code == "A1405", words
    for words in ("couvreur", "Couvreuse"):
        one, _ = job_for_words(jobs, words)
        assert one is not None and one.code == "F1610", words
    one, _ = job_for_words(jobs, "cuisiniere en industrie chimique")
    assert one is not None and one.code == "H3303"


def test_the_first_word_of_longer_names_lists_the_jobs() -> None:
    one, choices = job_for_words(_jobs(), "cuisinier")
    assert one is None
    codes = [j.code for j in choices]
    assert codes[0] == "G1602" and "H3303" in codes and "G1601" in codes
