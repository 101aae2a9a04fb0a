"""The pure rules behind three honest answers: a job whose diplomas are all of the start's
level (graph.pathways.job), the goal diplomas no passerelle reaches
(graph.pathways.unreached_goals), the same formation reached from several starts of a level
(graph.pathways.pruning with variety.choice_key)."""

from __future__ import annotations

from graph.pathways.job import JobDiploma, job_within_start_sentence
from graph.pathways.unreached_goals import near_field

CHAUDRO = JobDiploma("Bac pro chaudronnerie", 4, 2, 40, "bac_pro")
CS = JobDiploma("CS soudage", 4, 0, 12, "mc")
MC_L3 = JobDiploma("MC soudure", 3, 1, 5, "mc")


def test_the_job_sentence_names_every_level_and_never_says_no_diploma() -> None:
    s = job_within_start_sentence("métier ROME H2913", 4, [CHAUDRO, CS, MC_L3], "dans le 63")
    assert "Aucun diplôme des données importées" not in s
    assert "sont de niveau 3 ou 4 :" in s
    assert "Bac pro chaudronnerie (niveau 4, 2 établissements dans le 63)" in s
    assert "CS soudage (niveau 4, aucun dans le 63)" in s


def test_only_a_mention_complementaire_of_the_start_level_is_proposed() -> None:
    """A MC of level 3 is below a level-4 start; a Bac pro of level 4 is the level held."""
    s = job_within_start_sentence("métier ROME H2913", 4, [CHAUDRO, MC_L3], "dans le 63")
    assert "mention complémentaire" not in s
    assert s.endswith("Aucun parcours n'y mène donc depuis le niveau 4.")
    s = job_within_start_sentence("métier ROME H2913", 4, [CHAUDRO, CS], "dans le 63")
    assert s.endswith("y prépare encore : CS soudage ; à examiner avec l'établissement.")


def test_a_mention_complementaire_offered_nowhere_is_not_proposed() -> None:
    never = JobDiploma("CS nulle part", 4, 0, 0, "mc")
    s = job_within_start_sentence("métier ROME X", 4, [CHAUDRO, never], "dans le 63")
    assert "y prépare encore" not in s


def test_the_field_of_a_start() -> None:
    assert near_field("255", "255") and near_field("250", "255") and near_field("201", "255")
    assert not near_field("254", "255")  # mechanics is another group of the domain
    assert near_field("254", "250")  # a pluri-technological start: its whole domain
    assert not near_field("201", "334")  # the production field is not a service start's
    assert not near_field(None, "255") and near_field(None, None)


def test_the_ranking_of_a_level_start_goes_on_to_the_limit_th_different_formation() -> None:
    """Pathways A, A, A, B, A, C: three formations need the first six pathways."""
    from types import SimpleNamespace

    from graph.pathways.pruning import _through_groups

    def path(name: str) -> SimpleNamespace:
        return SimpleNamespace(plan=[SimpleNamespace(diploma={"name": name})])

    def first(steps: list[dict[str, str]]) -> str:
        return steps[0]["name"]

    ranked = [path(n) for n in "AAABACD"]
    assert _through_groups(ranked, 3, first) == 6  # type: ignore[arg-type]
    assert _through_groups(ranked, 2, first) == 4  # type: ignore[arg-type]
    assert _through_groups(ranked, 3, None) == 3  # type: ignore[arg-type]
    assert _through_groups([path(n) for n in "ABC"], 2, first) == 2  # type: ignore[arg-type,misc]
    assert _through_groups([path(n) for n in "AA"], 5, first) == 2  # type: ignore[arg-type,misc]
