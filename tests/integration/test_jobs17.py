"""Job goals a counsellor's review of the national files found wrong, on each real engine: the
fixture (tests/fixtures/opendata_jobs17, its make_fixture.py says what it keeps) is a cut of the
Cantal (15), the Lozère (48) and the Loire (42), with the national table of documented
continuations.

- Aide-soignant (J1501): the code de la santé publique reserves it to the Diplôme d'État
  d'aide-soignant (seeds/reference/regulated-professions.toml). From the end of 3e in the
  Cantal the only pathway led to the Bac pro ASSP, « qui prépare au métier … Aide-soignant »,
  and from the Bac pro the answer said « Objectif déjà atteint ».
- From the CAP maçon toward « maçon » (F1703) in the Lozère, a flat « Pas de parcours »: Certif
  Info ties the CAP to F1701, a job of the same ROME domain, and the answer now says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_jobs17"
client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)

DEAS = "46033104"
ASSP = "40033007"


def _steps(got: dict[str, Any]) -> set[str]:
    return {s["code"] for p in got["pathways"] for s in p["steps"]}


def _said(got: dict[str, Any]) -> str:
    return " ".join([*got["notices"], got["reason"] or ""])


def test_a_regulated_job_is_reached_by_its_diploma_of_state_only(client: TestClient) -> None:
    got = ask(client, from_level=2, job="aide-soignant", departements="15", home="Aurillac")
    # the Bac pro ASSP is no pathway to the job: only the diploma the law requires is
    assert ASSP not in _steps(got), got["pathways"]
    said = _said(got)
    assert (
        "est réglementé (code de la santé publique, article L4391-1) ; diplôme requis pour "
        "l'exercer : Diplôme d'État d'aide-soignant (niveau 4)."
    ) in said, said
    assert (
        "Les données importées y rattachent aussi Bac pro accompagnement, soins et services à "
        "la personne (niveau 4) ; Diplôme d'État d'accompagnant éducatif et social (niveau 3), "
        "qui ne suffisent pas à l'exercer"
    ) in said, said
    # its only offers are the constat 2020's headcounts of the closed diploma it replaced
    # (tester20: « le plus proche : Lycée polyvalent Reffye (Tarbes), à 185 km », then
    # « Essayez un territoire plus large »): no establishment is said to offer it now, the
    # files cannot tell, and no programme « du même domaine » (opticien-lunetier…) is named
    assert (
        "Diplôme d'État d'aide-soignant : les fichiers importés ne décrivent ni ses centres de "
        "formation habituels ni aucune offre actuelle ; ils n'en connaissent que des effectifs "
        "de 2020 du diplôme qu'il a remplacé, dans 2 établissements"
    ) in said, said
    # never « le plus proche : … » as a current offer; the establishments of those headcounts
    # are named as such, nearest first, for the counsellor to call (tester24, Épinal)
    assert "le plus proche" not in said, said
    assert (
        "Le plus proche de ces établissements dont le lieu est connu (effectifs de 2020) : "
        "Lycée professionnel Benoit Charvet (Saint-Étienne, Loire), à 162 km à vol d'oiseau du "
        "domicile ; d'autres dans le département de la Loire (42), lieu exact inconnu "
        "(peut-être plus près)."
    ) in said, said
    assert "même domaine" not in said, said
    assert got["files_cannot_tell"] and not got["pathways"]
    assert "Objectif déjà atteint" not in said


def test_a_goal_diploma_known_from_old_headcounts_only_is_said_so(client: TestClient) -> None:
    """The same diploma asked by its code: « Aucune passerelle connue » (and « Essayez un
    territoire plus large ») read as the territory's lack; the files know only 2020 headcounts
    of the diploma it replaced."""
    got = ask(client, from_level=2, to=DEAS, departements="15", home="Aurillac")
    assert not got["pathways"] and got["files_cannot_tell"], got
    assert got["reason"].startswith(
        "Diplôme d'État d'aide-soignant : les fichiers importés ne décrivent ni ses centres de "
        "formation habituels ni aucune offre actuelle ; ils n'en connaissent que des effectifs "
        "de 2020"
    ), got["reason"]


def test_a_related_diploma_never_meets_a_regulated_job(client: TestClient) -> None:
    got = ask(client, **{"from": ASSP}, job="J1501", departements="15")
    said = _said(got)
    assert "Objectif déjà atteint" not in said, said
    assert "prépare déjà" not in said, said
    assert (
        "Le diplôme de départ (Bac pro accompagnement, soins et services à la personne) en "
        "fait partie : l'objectif n'est pas atteint."
    ) in said, said


def test_a_start_of_a_job_next_to_the_one_asked_is_said(client: TestClient) -> None:
    got = ask(client, **{"from": "50023224"}, job="maçon", departements="48")
    said = _said(got)
    assert (
        "D'après les fiches Certif Info des diplômes, CAP maçon ne prépare pas au métier ROME "
        "F1703 (Maçon / Maçonne"
    ) in said, said
    assert (
        "mais prépare déjà à un métier voisin du même domaine professionnel : métier ROME F1701 "
        "(Coffreur / Coffreuse)."
    ) in said, said
    # a job of another domain is never called related
    other = ask(client, **{"from": "50023224"}, job="J1501", departements="48")
    assert "métier voisin" not in _said(other), other


def test_the_required_diploma_meets_the_job_without_saying_no_diploma_does(
    client: TestClient,
) -> None:
    """From the Diplôme d'État d'aide-soignant the goal is met; the reason said « Vers un autre
    diplôme qui y prépare, aucun diplôme des données importées ne prépare au métier »: the start
    is one."""
    got = ask(client, **{"from": DEAS}, job="J1501", departements="42")
    assert got["reason"].startswith(
        "Objectif déjà atteint : le diplôme de départ prépare au métier ROME J1501 "
        "(Aide-soignant / Aide-soignante) ; aucun autre diplôme des données importées n'y "
        "prépare."
    ), got["reason"]
    assert "Aucun diplôme des données importées ne prépare" not in _said(got), _said(got)


def test_a_level_reached_does_not_meet_a_job_goal_the_start_does_not_prepare_for(
    client: TestClient,
) -> None:
    """tester24 (Martinique): from the Bac pro ASSP, ``to_level=4`` and J1501 said both
    « l'objectif (niveau 4 ou plus) est déjà atteint » and « l'objectif n'est pas atteint »."""
    got = ask(client, **{"from": ASSP}, job="J1501", to_level=4, departements="15")
    said = _said(got)
    assert "déjà atteint" not in said, said
    assert "l'objectif n'est pas atteint" in said, said


def test_a_closed_goal_is_said_closed_and_answered_for_its_successor(client: TestClient) -> None:
    """tester24 (Lorient): a closed goal diploma answered « Aucune passerelle connue ne
    mène… ». The aide-soignant's diploma of 2006 (56033102) closed in 2022; the BCN names
    the Diplôme d'État of 2021 (46033104) as its successor: said, and the answer is for it."""
    old = ask(client, from_level=2, to="56033102", departements="15", home="Aurillac")
    new = ask(client, from_level=2, to=DEAS, departements="15", home="Aurillac")
    closed = [n for n in old["notices"] if n.startswith("Le diplôme visé (")]
    assert len(closed) == 1 and closed[0].endswith(
        ") est fermé en 2022, remplacé par Diplôme d'État d'aide-soignant : la réponse porte "
        "sur celui-ci, que l'on prépare aujourd'hui."
    ), old["notices"]
    assert old["goal"] == new["goal"] and DEAS in old["goal"]
    assert [n for n in old["notices"] if n not in closed] == new["notices"]
    assert old["reason"] == new["reason"]
    assert old["pathways"] == new["pathways"]
