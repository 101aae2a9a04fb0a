"""French of tester19's findings: an establishment no file names is described (« dans un
établissement sans nom … »), never « à l'Établissement sans nom … »; a job's only diploma
offered in a radius is « proposé dans un rayon de … », never « dont dans 20 km autour de … »."""

from __future__ import annotations

from graph.pathways.job import JobDiploma, job_unreached_sentence
from graph.text import UNNAMED, at_name


def test_an_unnamed_establishment_is_described_not_named() -> None:
    said = at_name(f"{UNNAMED} (Martinique)")
    assert said == "dans un établissement sans nom dans les fichiers publics (Martinique)", said
    assert "l'Établissement" not in said


def test_a_job_s_diplomas_offered_here_read_in_plain_french() -> None:
    one = job_unreached_sentence(
        "Bac pro X",
        "métier ROME J1501",
        [JobDiploma("DE aide-soignant", 4, 2, 9)],
        "dans un rayon de 20 km autour de Lille",
        4,
    )
    assert "1 diplôme y prépare, proposé dans un rayon de 20 km autour de Lille :" in one, one
    assert "dont dans" not in one
    two = job_unreached_sentence(
        "Bac pro X",
        "métier ROME J1501",
        [JobDiploma("A", 4, 2, 9), JobDiploma("B", 4, 1, 3), JobDiploma("C", 5, 0, 3)],
        "dans le département du Nord (59)",
        4,
    )
    assert "3 diplômes y préparent, dont 2 proposés dans le département du Nord (59) :" in two
