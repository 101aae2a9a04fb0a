"""The words of a job asked as a pathway's goal, read on the real rome.csv and names of metier.csv
(tests/fixtures/jobwords17, cut by its make_fixture.py), without a database.

A fresh tester's « mecanicien auto » was refused as I1604 or H2903 « Tourneur-fraiseur » (a
metier.csv name « Mécanicien(ne) régleur(se) machine auto ») and « infirmier » offered K2103
« Chef d'établissement » (a « Directeur … d'institut de formation en soins infirmiers »): the job
whose own name the words say whole is the job; a name of metier.csv that only begins with a word
is no reading of it. Words that name several jobs are still refused with the jobs to choose."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from graph.ingest.opendata.jobs import job_rows, parse_metier
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rome import parse_rome
from graph.rome_jobs import RomeJob, job_for_words, rome_jobs

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "jobwords17"


@cache
def _jobs() -> list[RomeJob]:
    rome = parse_rome(FIXTURE / "rome.csv", FileReport("rome.csv", "x"))
    metier = parse_metier(FIXTURE / "metier.csv", FileReport("metier.csv", "x"))
    return rome_jobs([], job_rows(rome, metier))


@pytest.mark.parametrize(
    ("words", "code"),
    [
        ("mecanicien auto", "I1604"),  # « Mécanicien / Mécanicienne automobile »
        ("Mécanicienne auto", "I1604"),
        ("mécanicien moto", "I1607"),  # « Mécanicien / Mécanicienne motocycles »
        # unchanged: a name said whole, or the only job named so
        ("mécanicien automobile", "I1604"),
        ("soudeur", "H2913"),
        ("boulanger", "D1102"),
        ("aide-soignant", "J1501"),
        ("aide soignante", "J1501"),
        ("maçon", "F1703"),
        ("infirmier anesthésiste", "J1503"),
        ("cuisinière de collectivité", "G1602"),
    ],
)
def test_the_job_the_words_say_whole_is_the_job(words: str, code: str) -> None:
    one, choices = job_for_words(_jobs(), words)
    assert one is not None, (words, [j.choice for j in choices])
    assert one.code == code, (words, one)


@pytest.mark.parametrize(
    ("words", "among", "never"),
    [
        # the five jobs named « Infirmier / Infirmière … », and « Infirmier général » (J1502)
        ("infirmier", {"J1506", "J1503", "J1504", "J1505", "J1507", "J1502"}, {"K2103"}),
        ("infirmière", {"J1506", "J1503", "J1504", "J1505", "J1507"}, {"K2103"}),
        ("électricien", {"F1602", "I1309"}, set()),
        ("mécanicien", {"I1604", "I1607"}, set()),
        ("peintre", {"F1606"}, set()),
        ("vendeur", {"D1211", "D1214"}, set()),
        ("chauffeur", {"N4105", "N4102"}, set()),
    ],
)
def test_words_of_several_jobs_are_still_refused_with_the_choices(
    words: str, among: set[str], never: set[str]
) -> None:
    one, choices = job_for_words(_jobs(), words, limit=20)
    assert one is None, (words, one)
    codes = {j.code for j in choices}
    assert among <= codes, (words, codes)
    assert not (never & codes), (words, codes)
