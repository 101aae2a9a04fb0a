"""The rules of the ROME job reference over plain rows (graph/rome_jobs.py,
graph/diploma_search.py): jobs no diploma trains for, codes filed under another one, the names
of metier.csv, the index over them."""

from __future__ import annotations

from graph import rome_jobs as rj
from graph.diploma_search import search_diplomas
from graph.rome_jobs import RomeJob, find_jobs, job_for_words, rome_jobs

TRAINED = [
    {"code": "D1211", "name": "Vendeur / Vendeuse en articles de sport", "diplomas": 4},
    {"code": "F1610", "name": "Monteur / Monteuse ; Couvreur / Couvreuse", "diplomas": 2},
]
REFERENCE = [
    {"code": "A1401", "name": "Vendangeur / Vendangeuse", "names": ["Vendangeur / Vendangeuse"]},
    {"code": "D1211", "name": "Vendeur / Vendeuse en articles de sport", "names": ["Vendeur"]},
    {"code": "F1610", "name": "Monteur / Monteuse", "names": ["Monteur / Monteuse"]},
    {
        "code": "F1619",
        "name": "Couvreur / Couvreuse",
        "names": ["Couvreur / Couvreuse"],
        "parent": "F1610",
        "appellations": ["Couvreur zingueur / Couvreuse zingueuse"],
    },
    {
        "code": "J1504",
        "name": "Infirmier / Infirmière de bloc opératoire (IBODE)",
        "names": ["Infirmier / Infirmière de bloc opératoire (IBODE)"],
        "appellations": ["Infirmier / Infirmière de bloc Diplômé / Diplômée d'État -IBODE-"],
    },
    {
        "code": "J1506",
        "name": "Infirmier / Infirmière en soins généraux (IDE)",
        "names": ["Infirmier / Infirmière en soins généraux (IDE)"],
    },
]


def test_untrained_and_filed_codes_are_jobs() -> None:
    jobs = rome_jobs(TRAINED, REFERENCE)
    assert [(j.code, j.diplomas) for j in jobs] == [
        ("A1401", 0),
        ("D1211", 4),
        ("F1610", 2),
        ("J1504", 0),
        ("J1506", 0),
    ]
    assert [j.code for j in find_jobs(jobs, "F1619")] == ["F1610"]
    assert find_jobs(jobs, "F1619")[0].named("F1619") == (
        "Couvreur / Couvreuse, rattaché au code ROME F1610"
    )
    assert job_for_words(jobs, "couvreuse zingueuse")[0] == jobs[2]


def test_a_name_of_two_pairs_is_not_each_of_its_words() -> None:
    # « Infirmier / Infirmière de bloc Diplômé / Diplômée d'État » was split at each « / »:
    # « infirmier » alone was then a whole name of J1504 (IBODE)
    jobs = rome_jobs(TRAINED, REFERENCE)
    one, choices = job_for_words(jobs, "infirmier")
    assert one is None and [j.code for j in choices] == ["J1504", "J1506"]


def test_a_close_spelling_of_a_metier_name_finds_nothing() -> None:
    jobs = [RomeJob("A1", "Éleveur", 1, appellations=("Vendeur de bestiaux",))]
    assert find_jobs(jobs, "vendeur bestiaux") == jobs
    assert find_jobs(jobs, "vendangeur bestiaux") == []


def test_the_index_finds_what_scoring_every_job_finds() -> None:
    jobs = rome_jobs(TRAINED, REFERENCE) * 30  # more than INDEXED
    assert len(jobs) >= rj.INDEXED
    for q in ("vend", "vendeur", "couvreur", "infirmier bloc", "monteuse", "zzz", "vendangeur"):
        with_index = find_jobs(jobs, q, limit=500), job_for_words(jobs, q)
        rj.INDEXED, kept = 10**9, rj.INDEXED
        try:
            assert (find_jobs(jobs, q, limit=500), job_for_words(jobs, q)) == with_index, q
        finally:
            rj.INDEXED = kept


def test_diploma_search_by_a_job_name_takes_that_job_only() -> None:
    # « vendangeur » is A1401, which no diploma trains for: not the « vendeur » jobs spelt
    # close to it (their diplomas were listed)
    jobs = rome_jobs(TRAINED, REFERENCE)
    rows = [{"code": "1", "name": "CAP EQUIPIER", "type": "cap", "level": 3, "offers": 2,
             "rome_codes": ["D1211"]}]  # fmt: skip
    assert search_diplomas(rows, "vendangeur", jobs=jobs).hits == []
    assert [h.row["code"] for h in search_diplomas(rows, "vendeur", jobs=jobs).hits] == ["1"]
