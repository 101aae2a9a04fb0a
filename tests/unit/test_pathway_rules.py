"""The pathway rules over plain rows, without a database: candidates (graph/pathways/search.py),
establishments and score (scoring.py), sentences (explanation.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from graph.geo import haversine_km
from graph.models import Modality
from graph.pathways.explanation import explain, goal_label, why_none
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import (
    BOARDING_SOFTENING,
    FAR_KM_FACTOR,
    W_FIELD,
    W_INFERRED,
    W_KM,
    W_OUTSIDE,
    W_STEP,
    Candidate,
    Candidates,
    Offer,
    Scorer,
    choose,
    effective_km,
    field_continuity,
    rank,
)
from graph.pathways.search import Source, candidates, flag_offers, is_goal
from graph.territory import Point, Territory

Row = dict[str, Any]

FIGEAC = (44.6086, 2.0317)
CAPDENAC = (44.5597, 2.2506)  # 18.2 km from Figeac
RODEZ = (44.3506, 2.5750)


def diploma(code: str, level: int, nsf: str | None = None, kind: str = "bts") -> Row:
    return {"code": code, "name": f"Diplôme {code}", "type": kind, "level": level, "nsf": nsf}


def leg(kind: str = "continuation", **figures: Any) -> Row:
    return {"passerelle_id": "p", "passerelle_origin": "documented", "kind": kind, **figures}


def offer(
    code: str,
    name: str,
    where: tuple[float, float] | None,
    *,
    inside: bool = True,
    status: str = "open",
    modality: str = "school",
    boarding: int | None = None,
    capacity: int | None = None,
    departement: str = "046",
) -> Offer:
    lat, lon = where if where else (None, None)
    actor = {"id": name.lower(), "name": name, "kind": "lycee", "boarding_places": boarding}
    row = {
        "lat": lat,
        "lon": lon,
        "status": status,
        "modality": modality,
        "capacity": capacity,
        "commune": name,
        "departement": departement,
    }
    return Offer(code, actor, row, inside)


# --- scoring -------------------------------------------------------------------------------


def test_km_beyond_a_daily_commute_weigh_more_and_boarding_softens_them() -> None:
    assert effective_km(25.0, 100) == 25.0 == effective_km(25.0, None)
    assert effective_km(90.0, 0) == 30.0 + 60.0 * FAR_KM_FACTOR
    assert effective_km(90.0, 100) == 30.0 + 60.0 * FAR_KM_FACTOR * BOARDING_SOFTENING
    assert effective_km(31.0, None) - effective_km(30.0, None) == FAR_KM_FACTOR  # no jump


def test_a_much_closer_reasonable_continuation_beats_a_far_documented_one() -> None:
    """The Bretagne defect (issue 11): a documented same-field step 108 km away ranked above a
    strongly inferred one 1 km away (+6 same field against -8.7 of distance)."""
    cap_a, bac_a = diploma("A", 3, "221"), diploma("B", 4, "221")
    cap_c, bac_c = diploma("C", 3, "252"), diploma("D", 4, "252")
    home = (48.39, -4.49)  # Brest
    far = (48.39 + 108 / 111.2, -4.49)  # 108 km north
    near = (48.39 + 1 / 111.2, -4.49)
    offers = {"B": [offer("B", "Loin", far)], "D": [offer("D", "Près", near)]}
    scorer = Scorer(offers, fields={}, home=home)
    documented = scorer.score([cap_a, bac_a], [leg()])
    inferred = scorer.score([cap_c, bac_c], [leg(passerelle_origin="inferred", strength=0.86)])
    assert documented is not None and inferred is not None
    assert documented.components["same_field"] == W_FIELD
    assert rank([documented, inferred]) == [inferred, documented]
    # within a daily commute, the documented continuation keeps its lead
    offers["B"] = [offer("B", "Moins loin", (48.39 + 20 / 111.2, -4.49))]
    scorer = Scorer(offers, fields={}, home=home)
    documented = scorer.score([cap_a, bac_a], [leg()])
    assert documented is not None
    assert rank([documented, inferred])[0] is documented


def test_a_pathway_through_an_unplaced_establishment_ranks_after_placed_ones() -> None:
    """The Brest defect (issue 11, national files): a documented same-field step at an
    establishment without coordinates (-8 for « distance inconnue ») outranked an inferred step
    2 km from home. Unknown counts as far as any step is proposed, so placed ones come first."""
    cap_a, bac_a = diploma("A", 3, "221"), diploma("B", 4, "221")
    cap_c, bac_c = diploma("C", 3, "252"), diploma("D", 4, "252")
    home = (48.39, -4.49)  # Brest
    offers = {
        "B": [offer("B", "Sans place", None, capacity=30)],
        "D": [offer("D", "Près", (48.39 + 2 / 111.2, -4.49))],
    }
    scorer = Scorer(offers, fields={}, home=home)
    unplaced = scorer.score([cap_a, bac_a], [leg()])
    placed = scorer.score([cap_c, bac_c], [leg(passerelle_origin="inferred", strength=0.6)])
    assert unplaced is not None and placed is not None
    assert unplaced.unplaced == 1 and unplaced.components["same_field"] == W_FIELD
    assert rank([unplaced, placed]) == [placed, unplaced]
    # ... and after a placed step just short of the farthest one ever proposed (150 km)
    offers["D"] = [offer("D", "Loin", (48.39 + 140 / 111.2, -4.49))]
    far = Scorer(offers, fields={}, home=home).score([cap_c, bac_c], [leg()])
    assert far is not None and far.score > unplaced.score


def test_a_current_renewed_offer_is_chosen_before_a_stale_one_a_little_nearer() -> None:
    """Rennes, CAP AAGA -> Bac pro: ASSP (renewed from its options) was chosen at Lycée Jeanne
    d'Arc, 3.3 km, last listed in 2021 (-12 « pas vue depuis »), before Lycée Coetlogon, 3.6 km,
    listed in 2022: every renewed offer ranked alike whatever its year."""
    home = (48.11, -1.68)
    stale = offer("B", "Jeanne d Arc", (48.11 + 3.3 / 111.2, -1.68), status="renewed")
    stale.last_seen = 2021
    current = offer("B", "Coetlogon", (48.11 + 3.6 / 111.2, -1.68), status="renewed")
    got = choose([stale, current], home, allow_outside=False)
    assert got is not None
    assert [o.actor["name"] for o in got.ranked] == ["Coetlogon", "Jeanne d Arc"]
    scored = Scorer({"B": [stale, current]}, fields={}, home=home).score(
        [diploma("A", 3), diploma("B", 4, kind="bac_pro")], [leg()]
    )
    assert scored is not None and scored.components["not_seen_lately"] == 0
    # an open offer the latest files list still comes first, a planned one last
    open_far = offer("B", "Ouverte", (48.11 + 9 / 111.2, -1.68))
    planned = offer("B", "Projet", (48.11 + 1 / 111.2, -1.68), status="planned")
    got = choose([stale, current, open_far, planned], home, allow_outside=False)
    assert got is not None
    names = [o.actor["name"] for o in got.ranked]
    assert names == ["Ouverte", "Coetlogon", "Jeanne d Arc", "Projet"]


def test_choice_prefers_inside_then_open_then_nearest() -> None:
    near_planned = offer("B", "Near", CAPDENAC, status="planned")
    far_open = offer("B", "Far", RODEZ)
    outside = offer("B", "Outside", FIGEAC, inside=False)
    got = choose([near_planned, far_open, outside], FIGEAC, allow_outside=False)
    assert got is not None
    assert [o.actor["name"] for o in got.ranked] == ["Far", "Near"]  # outside left out
    assert got.dist == pytest.approx(haversine_km(*FIGEAC, *RODEZ))
    assert got.to == RODEZ
    # nothing inside: outside offers only when allowed
    assert choose([outside], FIGEAC, allow_outside=False) is None
    alone = choose([outside], FIGEAC, allow_outside=True)
    assert alone is not None and alone.ranked == [outside]


def test_unplaced_offers_come_after_placed_ones_and_keep_the_previous_place() -> None:
    nowhere = offer("B", "Aaa", None)
    placed = offer("B", "Zzz", RODEZ)
    got = choose([nowhere, placed], FIGEAC, allow_outside=False)
    assert got is not None and got.ranked[0] is placed
    only = choose([nowhere], FIGEAC, allow_outside=False)
    assert only is not None and only.dist is None and only.to == FIGEAC


def test_field_continuity() -> None:
    a, b = diploma("A", 4, "251"), diploma("B", 5, "251")
    assert field_continuity(a, b, {}) == 1.0
    assert field_continuity(a, diploma("C", 5, "254"), {}) == 0.5
    assert field_continuity(a, diploma("D", 5, "330"), {}) == 0.0
    shared = {"A": frozenset({"aero"}), "D": frozenset({"aero"})}
    assert field_continuity(a, diploma("D", 5, "330"), shared) == 1.0


def test_a_group_heading_a_whole_area_is_no_field_continuity() -> None:
    """NSF 100, 200, 300 head « formations générales », « production », « services », not a
    speciality: sharing one, or their domain (10x, 20x: 200 and 201, 30x), gave a pathway the
    +3 of field continuity (W_FIELD) as if the learner stayed in his trade. Their own group
    still counts for the narrower groups (201 with 201); 250 names the domain 25x."""
    assert field_continuity(diploma("A", 4, "201"), diploma("B", 5, "200"), {}) == 0.0
    assert field_continuity(diploma("A", 4, "300"), diploma("B", 5, "300"), {}) == 0.0
    assert field_continuity(diploma("A", 4, "100"), diploma("B", 5, "100"), {}) == 0.0
    assert field_continuity(diploma("A", 4, "201"), diploma("B", 5, "201"), {}) == 1.0
    assert field_continuity(diploma("A", 4, "250"), diploma("B", 5, "255"), {}) == 0.5
    # a filière both belong to still counts
    shared = {"A": frozenset({"aero"}), "B": frozenset({"aero"})}
    assert field_continuity(diploma("A", 4, "300"), diploma("B", 5, "300"), shared) == 1.0


def test_score_terms() -> None:
    start, mid, goal = diploma("A", 4), diploma("B", 5), diploma("C", 6)
    offers = {
        "B": [offer("B", "Capdenac", CAPDENAC)],
        "C": [offer("C", "Rodez", RODEZ, inside=False)],
    }
    scorer = Scorer(offers, fields={}, home=FIGEAC, allow_outside=True)
    s = scorer.score([start, mid, goal], [leg(), leg(passerelle_origin="inferred")])
    assert s is not None
    legs_km = [haversine_km(*FIGEAC, *CAPDENAC), haversine_km(*CAPDENAC, *RODEZ)]
    km = sum(legs_km)
    assert s.components["steps"] == -W_STEP
    assert s.components["travel"] == round(-W_KM * sum(effective_km(k, None) for k in legs_km), 2)
    assert s.components["outside"] == -W_OUTSIDE
    assert s.components["inferred_passerelles"] == -W_INFERRED
    assert s.components["same_field"] == 0.0
    assert s.score == pytest.approx(100 + sum(s.components.values()))
    assert s.travel_km == pytest.approx(km) and s.outside == 1
    assert s.key == ("A", "B", "C")


def test_known_rates_figures_capacity_and_modality() -> None:
    start, goal = diploma("A", 4, "251"), diploma("B", 5, "251")
    offers = {"B": [offer("B", "X", None, capacity=24, modality="apprenticeship")]}
    scorer = Scorer(offers, fields={}, modality="apprenticeship")
    s = scorer.score([start, goal], [leg(rate=0.1)])
    assert s is not None
    assert s.components["known_rates"] == -10.0  # 10 * log10(0.1)
    assert s.components["documented_figures"] == 3.0
    assert s.components["known_capacity"] == 1.0
    assert s.components["modality"] == 5.0
    assert s.components["same_field"] == W_FIELD
    assert s.travel_km is None  # nothing placed


def test_a_step_without_establishment_has_no_score_and_rank_keeps_the_best() -> None:
    start, goal = diploma("A", 4), diploma("B", 5)
    assert Scorer({}, fields={}).score([start, goal], [leg()]) is None
    offers = {"B": [offer("B", "X", CAPDENAC)]}
    scorer = Scorer(offers, fields={}, home=FIGEAC)
    plain = scorer.score([start, goal], [leg()])
    inferred = scorer.score([start, goal], [leg(passerelle_origin="inferred")])
    assert plain is not None and inferred is not None
    assert rank([inferred, plain]) == [plain]


# --- search --------------------------------------------------------------------------------


class Rows:
    """A Source over plain dicts."""

    def __init__(self, diplomas: list[Row], legs: dict[str, list[tuple[str, Row]]]) -> None:
        self._d = {d["code"]: d for d in diplomas}
        self._legs = legs
        self._offers: dict[str, list[Offer]] = {}

    def with_offers(self, **offers: list[Offer]) -> Rows:
        self._offers.update(offers)
        return self

    def diplomas(self, codes: Iterable[str]) -> dict[str, Row]:
        return {c: self._d[c] for c in codes if c in self._d}

    def legs_from(self, codes: Iterable[str]) -> dict[str, list[tuple[str, Row]]]:
        return {c: self._legs.get(c, []) for c in codes}

    def offers(self, codes: Iterable[str]) -> dict[str, list[Offer]]:
        return {c: self._offers.get(c, []) for c in codes}

    def offered_inside(self, codes: Iterable[str]) -> set[str]:
        return {c for c, got in self.offers(codes).items() if any(o.in_territory for o in got)}


def query(**kw: Any) -> PathwayQuery:
    return PathwayQuery(start_codes=["A"], start_label="A", **kw)


def test_candidates_follow_levels_stop_at_goals_and_never_loop() -> None:
    rows: Source = Rows(
        [diploma("A", 4), diploma("B", 5), diploma("C", 6), diploma("L", 3)],
        {
            "A": [("B", leg()), ("L", leg())],  # L: a lower level on a continuation leg
            "B": [("C", leg()), ("A", leg("reorientation"))],  # back to A: a loop
            "C": [("B", leg("reorientation"))],
        },
    )
    got = candidates(query(to_level=5), rows, None, restrict=False)
    assert [[d["code"] for d in c.diplomas] for c in got] == [["A", "B"]]  # stops at 1st goal
    got = candidates(query(to="C"), rows, None, restrict=False)
    assert [[d["code"] for d in c.diplomas] for c in got] == [["A", "B", "C"]]
    assert candidates(query(to="C", max_steps=1), rows, None, restrict=False) == []


def test_a_reorientation_may_lower_the_level() -> None:
    rows = Rows([diploma("A", 4), diploma("L", 3)], {"A": [("L", leg("reorientation"))]})
    got = candidates(query(to="L"), rows, None, restrict=False)
    assert [[d["code"] for d in c.diplomas] for c in got] == [["A", "L"]]


def test_restricted_search_keeps_steps_offered_inside() -> None:
    rows = Rows(
        [diploma("A", 4), diploma("B", 5), diploma("B2", 5)],
        {"A": [("B", leg()), ("B2", leg())]},
    ).with_offers(B=[offer("B", "X", None, inside=False)], B2=[offer("B2", "Y", None)])
    got = candidates(query(to_level=5), rows, None, restrict=True)
    assert [c.diplomas[-1]["code"] for c in got] == ["B2"]
    got = candidates(query(to_level=5), rows, None, restrict=False)
    assert sorted(c.diplomas[-1]["code"] for c in got) == ["B", "B2"]


def test_goals() -> None:
    d = diploma("B", 5, kind="bts")
    assert is_goal(d, query(to="B"), None) and not is_goal(d, query(to="C"), None)
    assert is_goal(d, query(to_level=5), None) and not is_goal(d, query(to_level=6), None)
    assert not is_goal(d, query(to_level=5), {"C"}) and is_goal(d, query(to_level=5), {"B"})


def test_flag_offers_by_territory_and_modality() -> None:
    a = {"id": "x", "name": "X", "campuses": ["c"]}
    school = {"departement": "046", "modality": "school"}
    appr = {"departement": "012", "modality": "apprenticeship"}
    got = flag_offers("B", [(a, school), (a, appr)], Territory(departements=["046"]), None)
    assert [o.in_territory for o in got] == [True, False]
    got = flag_offers("B", [(a, school), (a, appr)], Territory(campus="c"), "apprenticeship")
    assert [(o.offer["departement"], o.in_territory) for o in got] == [("012", True)]


# --- sentences -----------------------------------------------------------------------------


def test_explanation_and_goal_in_french() -> None:
    start, goal = diploma("A", 4), diploma("B", 5)
    far = offer("B", "Rodez", RODEZ, boarding=40, status="planned", modality="apprenticeship")
    s = Scorer({"B": [far]}, fields={}, home=FIGEAC, modality="apprenticeship").score(
        [start, goal], [leg(rate=0.5)]
    )
    assert s is not None
    q = query(
        to_level=5, home=Point(lat=FIGEAC[0], lon=FIGEAC[1]), modality=Modality("apprenticeship")
    )
    lines = explain(s, q)
    assert lines[0] == "1 étape après le diplôme A."
    km = haversine_km(*FIGEAC, *RODEZ)
    assert lines[1] == f"Trajet total {km:.0f} km à vol d'oiseau du domicile à l'établissement."
    assert "1/1 étape en apprentissage." in lines
    step = lines[-1]
    assert step.startswith("Étape 1 : Diplôme B, à Rodez (Rodez) ; à 52 km à vol d'oiseau ; ")
    assert "offre seulement en projet" in step
    assert any("taux de passage connu 50%" in line for line in lines)
    assert any("40 places d'internat" in line for line in lines)


def test_a_later_step_s_distance_is_said_from_the_step_before() -> None:
    """« à 33 km à vol d'oiseau » of step 2 is counted from step 1's establishment, not from
    the domicile: said so, as the web page says it (tester20)."""
    a, b, c = diploma("A", 3), diploma("B", 4), diploma("C", 5)
    s = Scorer(
        {"B": [offer("B", "Figeac", FIGEAC)], "C": [offer("C", "Rodez", RODEZ)]},
        fields={},
        home=FIGEAC,
    ).score([a, b, c], [leg(), leg()])
    assert s is not None
    steps = [line for line in explain(s, query(to_level=5)) if line.startswith("Étape")]
    assert "depuis l'étape précédente" not in steps[0]
    assert "à 52 km à vol d'oiseau depuis l'étape précédente ; " in steps[1], steps[1]
    assert goal_label(query(to="B", to_level=5, sector="aero")) == (
        "diplôme B, niveau 5 ou plus, métier choisi"
    )
    named = query(to_level=5, sector="soudeurs", sector_label="secteur Soudeurs")
    assert goal_label(named) == "niveau 5 ou plus, secteur Soudeurs"


def test_why_none_names_the_missing_step_and_the_nearest_offer() -> None:
    q = query(to="B", territory=Territory(departements=["012"]))
    assert why_none(q, [], {}).startswith("Aucune passerelle connue ne mène du diplôme A ")
    by_level = query(to_level=5, territory=Territory(departements=["012"]))
    by_level = by_level.model_copy(update={"start_label": "niveau 4"})
    assert why_none(by_level, [], {}).startswith(
        "Aucune passerelle connue ne mène du niveau 4 au niveau 5 (bac + 2) ou plus en "
    )
    rows = Rows([diploma("A", 4), diploma("B", 5)], {"A": [("B", leg())]})
    unrestricted = candidates(q, rows, None, restrict=False)
    outside = offer("B", "Figeac", FIGEAC, inside=False)
    text = why_none(q, unrestricted, {"B": [outside]})
    assert text == (
        "Pas de parcours : aucune offre de Diplôme B dans le département de l'Aveyron (12) ; "
        "ailleurs, à une distance inconnue : Figeac (Figeac, Lot)."
    )
    # measured from the territory's centre (or préfecture) when the request names no home
    rodez = (44.35, 2.57)
    far = offer("B", "Brest", (48.39, -4.49), inside=False)
    text = why_none(q, unrestricted, {"B": [far, outside]}, origin=(rodez, "de Rodez (préfecture)"))
    assert text.endswith(
        "le plus proche : Figeac (Figeac, Lot), à 52 km à vol d'oiseau de Rodez (préfecture)."
    )


def test_a_common_first_year_is_never_a_step_of_its_own() -> None:
    """« 1ère année commune » then its option is one programme: one step, named as such."""
    from graph.diploma_names import display_name as step_name

    common = {**diploma("C1", 5), "type": "bts", "name": "X BTS 1ERE ANNEE COMMUNE"}
    option = {**diploma("OPT", 5), "type": "bts", "name": "X OPTION A (BTS)"}
    eng = {**diploma("ING", 7), "type": "ingenieur"}
    rows = Rows(
        [diploma("A", 4), common, option, eng],
        {"A": [("C1", leg())], "C1": [("OPT", leg()), ("ING", leg())], "OPT": [("ING", leg())]},
    )
    got = [
        [d["code"] for d in c.diplomas]
        for c in candidates(query(to_level=7), rows, None, restrict=False)
    ]
    assert ["A", "C1", "OPT", "ING"] not in got
    assert ["A", "OPT", "ING"] in got  # the common year going on in its option: one step
    assert step_name(common) == "X (BTS) — 1re année commune, puis une option"


def test_candidates_of_one_prefix_number_share_their_first_rows_and_legs() -> None:
    """``Candidate.prefix``: the pruning bounds the candidates of one number as one group
    (graph/pathways/pruning.py), so they must differ by their last diploma and leg only (the
    same row objects before), the common first year's included (it replaces a step)."""
    common = {**diploma("C1", 5), "type": "bts", "name": "X BTS 1ERE ANNEE COMMUNE"}
    option = {**diploma("OPT", 5), "type": "bts", "name": "X OPTION A (BTS)"}
    other = {**diploma("OPT2", 5), "type": "bts", "name": "X OPTION B (BTS)"}
    rows = Rows(
        [diploma("A", 4), diploma("A2", 4), common, option, other, diploma("B", 5)]
        + [{**diploma(c, 7), "type": "ingenieur"} for c in ("ING", "ING2", "ING3")],
        {
            "A": [("C1", leg()), ("B", leg()), ("ING3", leg())],
            "A2": [("C1", leg()), ("ING", leg())],
            "C1": [("OPT", leg()), ("OPT2", leg()), ("ING", leg()), ("ING2", leg())],
            "OPT": [("ING", leg()), ("ING2", leg())],
            "OPT2": [("ING", leg()), ("ING3", leg())],
            "B": [("ING", leg()), ("ING2", leg()), ("ING3", leg())],
        },
    )
    q = query(to_level=7).model_copy(update={"start_codes": ["A", "A2"]})
    by_level = candidates(q, rows, None, restrict=False)
    assert len(by_level) > 10
    # goals by code: the common year's option a goal (the common year left out of it)
    q = query(to_level=5).model_copy(update={"start_codes": ["A", "A2"]})
    by_code = candidates(q, rows, {"OPT", "ING", "ING3"}, restrict=False)
    assert [d["code"] for d in by_code[0].diplomas] == ["A", "OPT"], by_code[0]
    for got in (by_level, by_code):
        numbered: dict[int, Any] = {}
        for c in got:
            assert c.prefix >= 0
            first = numbered.setdefault(c.prefix, c)
            assert len(c.legs) == len(first.legs)
            assert all(a is b for a, b in zip(c.diplomas[:-1], first.diplomas[:-1], strict=True))
            assert all(a is b for a, b in zip(c.legs[:-1], first.legs[:-1], strict=True))
        assert len(numbered) < len(got)  # groups of several


def test_the_walk_s_codes_and_first_legs_are_those_of_its_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``Candidates.codes`` and ``Candidates.first_legs``, gathered by the walk, stand for a
    pass over the candidates (``find._codes_of``, ``bac_starts.entering_tracks``): the same
    codes, the common first year's replaced step included, and every first leg taken among
    them; also when the cap stops the walk."""
    import graph.pathways.search as search_module
    from graph.pathways.find import _codes_of

    common = {**diploma("C1", 5), "type": "bts", "name": "X BTS 1ERE ANNEE COMMUNE"}
    option = {**diploma("OPT", 5), "type": "bts", "name": "X OPTION A (BTS)"}
    # M's only candidate takes a common year into its option: M is a step of it alone
    common2 = {**diploma("C2", 5), "type": "bts", "name": "Y BTS 1ERE ANNEE COMMUNE"}
    option2 = {**diploma("OPT2", 5), "type": "bts", "name": "Y OPTION A (BTS)"}
    rows = Rows(
        [diploma("A", 4), diploma("A2", 4), diploma("A3", 4), common, option, diploma("B", 5)]
        + [diploma("M", 4), common2, option2]
        + [{**diploma(c, 7), "type": "ingenieur"} for c in ("ING", "ING2", "ING3")],
        {
            "A": [("C1", leg()), ("B", leg()), ("ING3", leg())],
            "A2": [("C1", leg()), ("ING", leg())],
            "A3": [("ING2", leg()), ("B", leg()), ("M", leg())],
            "M": [("C2", leg())],
            "C2": [("OPT2", leg())],
            "C1": [("OPT", leg()), ("ING", leg()), ("ING2", leg())],
            "OPT": [("ING", leg()), ("ING2", leg())],
            "B": [("ING", leg()), ("ING3", leg())],
        },
    )
    starts = ["A", "A2", "A3"]
    cases = [(7, None, 5_000), (5, {"OPT", "ING", "OPT2"}, 5_000), (7, None, 4)]
    for to_level, goal_codes, cap in cases:
        monkeypatch.setattr(search_module, "CANDIDATE_CAP", cap)
        q = query(to_level=to_level).model_copy(update={"start_codes": starts})
        got = candidates(q, rows, goal_codes, restrict=False)
        assert got, (to_level, cap)
        assert isinstance(got, Candidates) and got.codes is not None
        steps = {d["code"] for c in got for d in c.diplomas[1:]}
        assert got.codes == (steps, {c.diplomas[0]["code"] for c in got})
        plain = Candidates()
        plain.extend(got)
        assert _codes_of(plain) == got.codes  # the pass over the candidates, as before
        assert got.first_legs is not None
        assert {id(c.legs[0]) for c in got} <= {id(leg) for leg in got.first_legs}
        if goal_codes:  # the common years going on in their options: the options steps
            assert {"OPT", "OPT2", "M"} <= steps


def test_entering_tracks_looks_at_no_candidate_when_no_first_leg_enters_one() -> None:
    """``find._entering_tracks``: the candidates entering a track for bacheliers
    technologiques as ``entering_tracks`` finds them, none looked at when none of the walk's
    first legs (``Candidates.first_legs``) enters one."""
    from graph.pathways.bac_starts import entering_tracks
    from graph.pathways.find import _entering_tracks

    track = {
        "passerelle_id": "inf-bac-techno-to-engineer-track-a-b",
        "evidence": "« Formation d ingenieur – Bacs technologiques »",
    }
    got = Candidates()
    got.append(Candidate([diploma("S", 4), diploma("E", 7)], [track], 0))
    got.first_legs = [leg(), track]
    assert list(_entering_tracks(got)) == list(entering_tracks(got)) != []
    got.first_legs = [leg()]  # trusted: a walk's first legs hold every one it took
    assert list(_entering_tracks(got)) == []


def test_a_closed_target_is_replaced_by_its_successor() -> None:
    old = {**diploma("OLD", 4), "closed": True, "successors": ["NEW"]}
    rows = Rows([diploma("A", 3), old, diploma("NEW", 4)], {"A": [("OLD", leg())]})
    got = [
        [d["code"] for d in c.diplomas]
        for c in candidates(query(to_level=4), rows, None, restrict=False)
    ]
    assert got == [["A", "NEW"]]
    opened: dict[str, list[tuple[str, Row]]] = {}  # kept for a version by the cache
    for _ in range(2):
        kept = candidates(query(to_level=4), rows, None, restrict=False, opened=opened)
        assert [[d["code"] for d in c.diplomas] for c in kept] == got
        assert [t for t, _ in opened["A"]] == ["NEW"]


def test_the_passerelle_modality_picks_the_offer() -> None:
    """A passage « sous statut apprenti » is taken where the programme is offered that way."""
    school = offer("B", "Figeac", FIGEAC, modality="school")
    apprentice = offer("B", "Rodez", RODEZ, modality="apprenticeship")
    scorer = Scorer({"B": [school, apprentice]}, fields={}, home=FIGEAC)
    plain = scorer.score([diploma("A", 4), diploma("B", 5)], [leg()])
    assert plain is not None and plain.plan[0].choice.ranked[0] is school
    scorer = Scorer({"B": [school, apprentice]}, fields={}, home=FIGEAC)
    s = scorer.score([diploma("A", 4), diploma("B", 5)], [leg(modality="apprenticeship")])
    assert s is not None and s.plan[0].choice.ranked[0] is apprentice
