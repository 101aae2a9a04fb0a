"""The tester's three worst findings of the twenty-first session (national files), on the
pure functions that answer them: a leg that holds in one territory never hides one that holds
everywhere; the options of one BTS take one of the strongest places; a refusal says where the
goal is prepared on the territory; an old headcount is never said to be a current offer."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from graph.inference import DiplomaFacts, infer_passerelles
from graph.inference.evidence import Evidence, option_family
from graph.pathways.goal_here import goal_here_sentence
from graph.pathways.job import JobDiploma, job_diplomas, job_unreached_sentence
from graph.pathways.regulated import presumed_sentence
from graph.pathways.scoring import Offer
from graph.pathways.search import _open_targets, _Walk

Row = dict[str, Any]
MSPC, CRSA = "40025012", "32020111"


class Legs:
    """A LegSource over plain rows."""

    def __init__(self, diplomas: dict[str, Row], legs: dict[str, list[tuple[str, Row]]]):
        self.rows, self.legs = diplomas, legs

    def diplomas(self, codes: Any) -> dict[str, Row]:
        return {c: self.rows[c] for c in codes if c in self.rows}

    def legs_from(self, codes: Any) -> dict[str, list[tuple[str, Row]]]:
        return {c: self.legs.get(c, []) for c in codes}

    def offers(self, codes: Any) -> dict[str, list[Offer]]:
        return {c: [] for c in codes}


def _rows() -> dict[str, Row]:
    return {
        MSPC: {"code": MSPC, "type": "bac_pro", "level": 4},
        CRSA: {"code": CRSA, "type": "bts", "level": 5},
    }


LOCAL = {
    "passerelle_id": "inf-bac-pro-to-bts-40025012-32020111",
    "passerelle_origin": "inferred",
    "kind": "continuation",
    "strength": 0.3,
    "from_departements": ["012", "046"],
}
NATIONAL = {
    "passerelle_id": "inf-import-bac-pro-to-bts-40025012-32020111",
    "passerelle_origin": "inferred",
    "kind": "continuation",
    "strength": 0.25,
}


def _walk(start_departements: list[str]) -> list[str]:
    src = Legs(_rows(), {MSPC: [(CRSA, LOCAL), (CRSA, NATIONAL)]})
    node = dict(_rows())
    adj = _open_targets(src, src.legs_from([MSPC]), node)
    q = SimpleNamespace(
        to=CRSA, to_type=None, to_level=None, max_steps=4, start_departements=start_departements
    )
    walk = _Walk(q, src, None, node, adj)  # type: ignore[arg-type]
    walk.walk([MSPC], [node[MSPC]], [])
    return [c.legs[-1]["passerelle_id"] for c in walk.paths]


def test_a_local_leg_does_not_hide_the_leg_that_holds_everywhere() -> None:
    # Bac pro MSPC → BTS CRSA: the seed loader's leg on a Mecanic Vallée filière (12, 46), the
    # stronger, hid the import's national one, and a pupil of the Nord was refused
    assert _walk(["059"]) == [NATIONAL["passerelle_id"]]


def test_where_the_local_leg_holds_it_is_the_one_step_taken() -> None:
    assert _walk(["012"]) == [LOCAL["passerelle_id"]]  # once, never the same step twice


def test_a_national_leg_before_a_local_one_is_the_only_one_kept() -> None:
    src = Legs(_rows(), {})
    kept = _open_targets(src, {MSPC: [(CRSA, LOCAL), (CRSA, {**NATIONAL, "strength": 0.9})]}, {})
    assert [leg["passerelle_id"] for _, leg in kept[MSPC]] == [NATIONAL["passerelle_id"]]


def test_the_options_of_one_bts_take_one_of_the_strongest_places() -> None:
    ev = Evidence(rome=frozenset({"I1304"}), secteur="Métallurgie")
    bac = DiplomaFacts(MSPC, "bac_pro", 4, nsf="250", evidence=ev)
    options = [
        DiplomaFacts(f"3202501{i}", "bts", 5, nsf="250", evidence=ev, family="MS")
        for i in range(4, 8)
    ]
    weaker = Evidence(rome=frozenset({"I1304"}))
    others = [
        DiplomaFacts(code, "bts", 5, nsf="201", evidence=weaker)
        for code in ("32020111", "32025218", "32025520")
    ]
    got = {p.to_code for p in infer_passerelles([bac, *options, *others], set())}
    # five programmes: the four options as one, and every other (before: the options and one)
    assert got == {d.code for d in [*options, *others]}


def test_option_family_reads_the_bcn_title() -> None:
    assert option_family("MAINTENANCE DES SYSTEMES OPTION B SYSTEMES ENERGETIQUES") == (
        "MAINTENANCE DES SYSTEMES"
    )
    assert option_family("ELECTROTECHNIQUE") == ""


def _offer(name: str, commune: str, inside: bool, status: str = "open") -> Offer:
    return Offer(
        "26033101",
        {"id": name, "name": name},
        {
            "commune": commune,
            "departement": "52",
            "status": status,
            "source": "fr-esr-parcoursup_extrait.csv (Parcoursup)",
        },
        inside,
    )


def test_a_refusal_says_where_the_goal_is_prepared_on_the_territory() -> None:
    said = goal_here_sentence(
        "Diplôme d'État d'infirmier(ière)",
        [_offer("IFSI Saint-Dizier", "Saint-Dizier", True), _offer("IFSI Reims", "Reims", False)],
        "dans le département de la Haute-Marne (52)",
    )
    assert said is not None
    assert "dans 1 établissement : IFSI Saint-Dizier (Saint-Dizier)" in said
    assert "via Parcoursup" in said and "Reims" not in said


def test_an_old_headcount_is_not_a_goal_prepared_here() -> None:
    old = _offer("Lycée X", "Basse-Terre", True, status="renewed")
    assert goal_here_sentence("DE aide-soignant", [old], "dans le 971") is None


def test_an_old_headcount_is_not_said_proposed_for_a_job() -> None:
    old = Offer("56033102", {"id": "x"}, {"status": "renewed", "year": 2020}, True)
    offers = {"56033102": [old]}
    found = job_diplomas({"56033102": {"name": "DE AS", "level": 4}}, offers, offers)
    assert found == [JobDiploma("DE AS", 4, 1, 1, presumed=(2020,))]
    said = job_unreached_sentence("X", "métier ROME J1501", found, "dans le 971", 4)
    assert "proposé" not in said, said
    assert "connu seulement par les effectifs de 2020" in said, said


def test_a_renewed_offer_beside_a_current_one_is_still_proposed() -> None:
    # CAP cuisine: offers carried from its predecessor and its own, in the territory
    old = Offer("50022146", {"id": "x"}, {"status": "renewed", "year": 2022}, True)
    new = Offer("50022146", {"id": "y"}, {"status": "open"}, True)
    found = job_diplomas(
        {"50022146": {"name": "CAP cuisine", "level": 3}}, {"50022146": [old, new]}, {}
    )
    assert found[0].inside == 2 and found[0].presumed == ()


def test_an_all_france_count_says_en_france() -> None:
    said = presumed_sentence("Diplôme d'État d'aide-soignant", [2020], 58)
    assert "dans 58 établissements en France" in said
