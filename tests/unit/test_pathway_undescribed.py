"""Steps whose kind of diploma the data never describes in the requested modality
(graph/pathways/undescribed.py): the rule, its sentences, and how the score ranks them."""

from __future__ import annotations

from graph.labels import TYPE_FR
from graph.models import Modality
from graph.pathways.explanation import explain, why_none
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import W_UNDESCRIBED, Candidate, Scorer, rank
from graph.pathways.undescribed import (
    KINDS_FR,
    described_kinds,
    is_undescribed,
    kind_label,
    map_undescribed_notice,
    undescribed_notice,
    undescribed_step_part,
)
from graph.territory import Point, Territory
from tests.unit.test_pathway_rules import CAPDENAC, FIGEAC, RODEZ, diploma, leg, offer

KINDS = described_kinds(
    [
        {"modality": "school", "type": "bac_pro", "level": 4, "imported": True},
        {"modality": "school", "type": "bts", "level": 5, "imported": True},
        {"modality": "apprenticeship", "type": "bts", "level": 5, "imported": True},
        {"modality": "apprenticeship", "type": "mc", "level": 4, "imported": True},
        {"modality": "school", "type": "bts", "level": 6, "imported": True},
        # a kind only a seed file describes (the mini campus's BTS, in apprenticeship only)
        {"modality": "apprenticeship", "type": "cap", "level": 3, "imported": False},
    ]
)


def test_a_kind_is_undescribed_in_a_modality_no_offer_of_its_type_and_level_names() -> None:
    bac = diploma("B", 4, kind="bac_pro")
    assert is_undescribed(bac, "apprenticeship", KINDS)
    # another type of the same level is described: the Bac pro still is not
    assert not is_undescribed(diploma("M", 4, kind="mc"), "apprenticeship", KINDS)
    assert not is_undescribed(diploma("S", 5), "apprenticeship", KINDS)
    assert not is_undescribed(bac, "school", KINDS)
    assert not is_undescribed(bac, None, KINDS)
    # a BTS of another level than the files' is another kind
    assert is_undescribed(diploma("S6", 6), "apprenticeship", KINDS)
    # the seeds' silence is theirs: a kind no imported offer names filters as before
    assert not is_undescribed(diploma("C", 3, kind="cap"), "school", KINDS)
    assert not is_undescribed(diploma("L", 6, kind="licence_pro"), "apprenticeship", KINDS)


def test_the_notice_names_each_kind_once_in_plain_french() -> None:
    bacs = [diploma("B1", 4, kind="bac_pro"), diploma("B2", 4, kind="bac_pro")]
    note = undescribed_notice(bacs, "apprentissage")
    assert note is not None
    assert note.startswith(
        "Les fichiers publics importés ne décrivent pas l'apprentissage pour les bacs pro "
        "(niveau 4) : "
    ), note
    assert "à vérifier auprès des CFA et des établissements" in note
    assert note.count("bacs pro") == 1
    assert undescribed_notice([], "apprentissage") is None
    both = undescribed_notice([*bacs, diploma("C", 3, kind="cap")], "apprentissage")
    assert both is not None and "pour les CAP (niveau 3) et les bacs pro (niveau 4) :" in both
    assert kind_label(diploma("C", 3, kind="cap")) == "les CAP (niveau 3)"


def test_the_map_notice_names_each_type_once_in_proper_french() -> None:
    """The national map filtered on apprenticeship listed seventeen kinds, « les diplômes de
    type autre formation (niveau 3) » among them, and a type once per level."""
    rows = [
        {"modality": "school", "type": t, "level": lv, "imported": True}
        for t, lv in [("other", 3), ("other", 5), ("other", None), ("cap", 3), ("cpge", None)]
    ]
    rows.append({"modality": "apprenticeship", "type": "bts", "level": 5, "imported": True})
    note = map_undescribed_notice(described_kinds(rows), "apprenticeship", None)
    assert note is not None
    assert "de type" not in note and "autre formation" not in note, note
    assert note.startswith(
        "Les fichiers publics importés ne décrivent pas l'apprentissage pour les CAP (niveau 3), "
        "les formations d'autres types (niveaux 3 et 5) et les classes préparatoires : "
    ), note


def test_every_diploma_type_has_its_plural() -> None:
    assert set(KINDS_FR) == set(TYPE_FR)


def _world() -> tuple[list[Candidate], dict, Scorer]:
    """CAP → Bac pro (school only: undescribed) → BTS in apprenticeship, near; and CAP → BTS
    in apprenticeship directly, farther: a pathway in the modality all along."""
    cap, bac, bts = diploma("C", 3, kind="cap"), diploma("B", 4, kind="bac_pro"), diploma("S", 5)
    offers = {
        "B": [offer("B", "Lycée", CAPDENAC)],
        "S": [offer("S", "CFA", RODEZ, modality="apprenticeship")],
    }
    paths = [Candidate([cap, bac, bts], [leg(), leg()]), Candidate([cap, bts], [leg()])]
    scorer = Scorer(
        offers, fields={}, home=FIGEAC, modality="apprenticeship", undescribed=frozenset({"B"})
    )
    return paths, offers, scorer


def test_a_step_not_filtered_on_the_modality_is_flagged_and_ranks_after_a_matching_one() -> None:
    paths, _, scorer = _world()
    ranked = rank([s for c in paths if (s := scorer.score(c.diplomas, c.legs)) is not None])
    assert [s.key for s in ranked] == [("C", "S"), ("C", "B", "S")]
    free = ranked[1]
    assert [st.undescribed for st in free.plan] == [True, False]
    assert free.components["modality_not_described"] == -W_UNDESCRIBED
    assert ranked[0].components["modality_not_described"] == 0.0
    bound = scorer.bound(paths[0].diplomas, paths[0].legs)
    assert bound is not None and bound >= free.score


def test_the_step_sentence_says_the_files_do_not_describe_the_modality() -> None:
    paths, _, scorer = _world()
    s = scorer.score(paths[0].diplomas, paths[0].legs)
    assert s is not None
    q = PathwayQuery(
        start_codes=["C"], start_label="CAP", to="S", modality=Modality("apprenticeship")
    )
    lines = explain(s, q)
    step1 = next(x for x in lines if x.startswith("Étape 1 "))
    assert (
        "les fichiers publics ne décrivent pas l'apprentissage pour les bacs pro "
        "(niveau 4) : étape proposée avec les offres connues, l'apprentissage est à "
        "vérifier auprès du CFA ou de l'établissement" in step1
    ), step1
    step2 = next(x for x in lines if x.startswith("Étape 2 "))
    assert "fichiers publics ne décrivent pas" not in step2


def test_no_pathway_says_the_files_silence_not_an_absence_in_the_territory() -> None:
    """No offer of the Bac pro in the territory at all: the reason does not say « aucune offre
    en apprentissage de … » for a kind the files never describe in apprenticeship."""
    cap, bac, bts = diploma("C", 3, kind="cap"), diploma("B", 4, kind="bac_pro"), diploma("S", 5)
    q = PathwayQuery(
        start_codes=["C"],
        start_label="CAP",
        to="S",
        modality=Modality("apprenticeship"),
        territory=Territory(departements=["061"]),
    )
    offers = {"B": [offer("B", "Lycée", CAPDENAC, inside=False)]}
    unrestricted = [Candidate([cap, bac, bts], [leg(), leg()])]
    told = why_none(q, unrestricted, offers, offers, {"B"})
    assert "aucune offre en apprentissage de Diplôme B" not in told, told
    assert "aucune offre de Diplôme B" in told
    assert (
        "(les fichiers publics ne décrivent pas l'apprentissage pour les bacs pro "
        "(niveau 4) : à vérifier auprès des CFA et des établissements)" in told
    ), told
    old = why_none(q, unrestricted, offers, offers)  # a described kind: as before
    assert "aucune offre en apprentissage de Diplôme B" in old


def test_no_pathway_without_a_modality_says_the_files_miss_apprenticeship() -> None:
    """tester24: « aucune offre de CAP métiers de la coiffure » in the Ardèche and the Drôme,
    no modality asked: the files describe no CAP in apprenticeship anywhere, and CFAs teach
    most of them. The absence is said to be the files' voie scolaire only."""
    cap, bac, bts = diploma("C", 3, kind="cap"), diploma("B", 4, kind="bac_pro"), diploma("S", 5)
    q = PathwayQuery(
        start_codes=["C"], start_label="CAP", to="S", territory=Territory(departements=["007"])
    )
    offers = {"B": [offer("B", "Lycée", CAPDENAC, inside=False)]}
    unrestricted = [Candidate([cap, bac, bts], [leg(), leg()])]
    told = why_none(q, unrestricted, offers, unknown_apprenticeship=frozenset({"B"}))
    assert (
        "aucune offre de Diplôme B dans le département de l'Ardèche (07) connue des fichiers "
        "publics, qui ne décrivent pas l'apprentissage pour les bacs pro (niveau 4) : un CFA du "
        "territoire peut en proposer, à vérifier auprès des CFA et des établissements" in told
    ), told
    plain = why_none(q, unrestricted, offers)  # a kind the files describe in apprenticeship
    assert "connue des fichiers" not in plain and "aucune offre de Diplôme B" in plain


def test_no_pathway_in_a_modality_counts_the_establishments_of_the_others() -> None:
    """The diploma is offered in the territory in another modality: one establishment named
    stood for all of them (« … proposé en voie scolaire : Lycée polyvalent Gaston Monnerville
    (Cahors) » for the whole of France, tester18). It is counted, and the example named is
    the nearest to the learner's home."""
    cap, bts = diploma("C", 3, kind="cap"), diploma("S", 5)
    home = Point(lat=RODEZ[0], lon=RODEZ[1])
    q = PathwayQuery(
        start_codes=["C"], start_label="CAP", to="S", modality=Modality("apprenticeship"), home=home
    )
    school = [offer("S", n, where) for n, where in (("Figeac", FIGEAC), ("Rodez", RODEZ))]
    unrestricted = [Candidate([cap, bts], [leg()])]
    told = why_none(q, unrestricted, {}, {"S": school})
    assert (
        "(ce diplôme y est proposé en voie scolaire dans 2 établissements, par exemple : " in told
    )
    assert "par exemple : Rodez" in told, told
    one = why_none(q, unrestricted, {}, {"S": school[:1]})
    assert "(ce diplôme y est proposé en voie scolaire : Figeac" in one, one


def test_continuing_education_is_checked_with_the_greta_not_the_cfa() -> None:
    """Tester19: « modality=continuing » said « à vérifier auprès des CFA »; a continuing-
    education offer is a GRETA's or a training body's. Each modality names its own."""
    bacs = [diploma("B1", 4, kind="bac_pro")]
    note = undescribed_notice(bacs, "formation continue")
    assert note is not None
    assert "à vérifier auprès des GRETA, des organismes de formation continue et des " in note
    assert "CFA" not in note, note
    part = undescribed_step_part(bacs[0], "formation continue")
    assert "auprès du GRETA, de l'organisme de formation ou de l'établissement" in part, part
    assert "CFA" not in part, part
    # apprenticeship keeps the CFA
    assert "auprès du CFA ou de l'établissement" in undescribed_step_part(bacs[0], "apprentissage")


def test_no_pathway_says_how_many_steps_it_did_not_name() -> None:
    """tester24: the reason named 3 of the 7 diplomas behind a job without saying the list
    was cut."""
    start = diploma("C", 3, kind="cap")
    q = PathwayQuery(
        start_codes=["C"], start_label="CAP", to_level=4, territory=Territory(departements=["085"])
    )
    bacs = [diploma(f"B{i}", 4, kind="bac_pro") for i in range(5)]
    unrestricted = [Candidate([start, b], [leg()]) for b in bacs]
    told = why_none(q, unrestricted, {})
    assert told.count("aucune offre de Diplôme B") == 3
    assert told.endswith(
        " ; et 2 autres diplômes sans offre dans le département de la Vendée (85) non plus."
    ), told
    assert "autre" not in why_none(q, unrestricted[:3], {})
