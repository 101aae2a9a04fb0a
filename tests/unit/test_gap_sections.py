"""Each section of the gap report as a pure function of plain rows (graph/gaps/), no database."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from graph.fake_store import FakeStore
from graph.gaps import GapData, compute_report, read_gap_data
from graph.gaps.brokers import brokers_and_fragile_links
from graph.gaps.continuum import continuum_breaks
from graph.gaps.csv_out import sources_fr
from graph.gaps.data import (
    NO_BOX,
    OFFER_FIELDS,
    KnownRows,
    _boxes,
    _offer_order,
    read_kind_offers,
    read_nearest_next_steps,
    read_next_steps_near,
    read_next_steps_within_reach,
    read_offers,
)
from graph.gaps.dead_ends import dead_ends, nearest_wanted
from graph.gaps.demand import unmet_demand
from graph.gaps.findings import REACH_KM, Finding
from graph.gaps.isolated import isolated_actors
from graph.gaps.notes import section_notes
from graph.gaps.partnerships import suggested_partnerships
from graph.gaps.rows import box_around, dead_end_candidates, dead_end_targets
from graph.geo import haversine_km
from graph.territory import Territory

Row = dict[str, Any]
FIGEAC = (44.6086, 2.0317)
CAPDENAC = (44.5597, 2.2506)
TOULOUSE = (43.6045, 1.4440)
PARIS = (48.857, 2.352)


def actor(aid: str, kind: str, where: tuple[float, float] = FIGEAC, **kw: Any) -> Row:
    return {
        "label": kw.pop("label", "Actor"),
        "id": aid,
        "name": aid.title(),
        "kind": kind,
        "campuses": kw.pop("campuses", ["c"]),
        "departement": "046",
        "lat": where[0],
        "lon": where[1],
        "roles": kw.pop("roles", ["c"]),
        "source": f"doc {aid}",
        **kw,
    }


def offer_row(
    a: str,
    code: str,
    level: int,
    *,
    status: str = "open",
    sectors: list[str] | None = None,
    **o: Any,
) -> Row:
    return {
        "actor": {"id": a, "name": a.title(), "kind": "lycee", "campuses": ["c"]},
        "offer": {"status": status, "commune": "Figeac", "source": f"src {a} {code}", **o},
        "diploma": {"code": code, "name": f"Diplôme {code}", "level": level},
        "sectors": sectors if sectors is not None else ["aero"],
    }


def sector_row(sid: str, kind: str = "filiere", demand: list[Row] | None = None, **s: Any) -> Row:
    return {
        "sector": {"id": sid, "name": sid.title(), "kind": kind, "source": f"doc {sid}", **s},
        "campuses": ["c"],
        "demand": demand or [],
    }


def edge(kind: str, a: str, b: str, la: str = "Actor", lb: str = "Actor") -> Row:
    return {"type": kind, "source": a, "target": b, "source_label": la, "target_label": lb}


def inside(**kw: Any) -> GapData:
    d = GapData(**kw)
    d.inside = d.inside or d.offers
    d.inside_for_sector = d.inside_for_sector or d.inside
    d.inside_ids = d.inside_ids or {a["id"] for a in d.actors}
    if "local_campuses" not in kw:
        d.local_campuses = {"c"}  # the rows' campus is the territory's
    return d


def test_continuum_breaks_name_the_missing_inner_level() -> None:
    d = inside(
        offers=[offer_row("lp", "CAP1", 3), offer_row("iut", "BUT1", 6)],
        sectors=[sector_row("aero")],
    )
    got = {f.id: f for f in continuum_breaks(d)}
    assert list(got) == ["continuum:*", "continuum:aero"]
    f = got["continuum:aero"]
    assert f.severity == "high"  # 4 and 5 missing between 3 and 6
    assert f.data["levels_offered"] == [3, 6] and f.data["levels_missing"] == [4, 5, 7]
    assert "La rupture au niveau 4, 5" in f.why
    # with a sector asked, that filière's offers only (the report's), titled by its name,
    # never « toutes filières »
    [only] = continuum_breaks(d, sector="other", sector_name="Autre filière")
    assert only.id == "continuum:other" and only.title == "Continuum Autre filière"


def test_a_planned_offer_fills_a_level_without_closing_the_finding() -> None:
    rows = [offer_row("lp", f"D{lv}", lv) for lv in (3, 4, 6, 7)]
    rows.append(offer_row("iut", "BTS", 5, status="planned"))
    f = continuum_breaks(inside(offers=rows, sectors=[sector_row("aero")]))[0]
    assert f.severity == "low" and f.data["levels_planned"] == [5]
    assert f.data["levels_missing"] == [] and "En projet : Diplôme BTS (Iut)" in f.why


def test_dead_ends_and_the_nearest_next_step_elsewhere() -> None:
    legs = [{"source": "BAC", "target": "BTS"}, {"source": "CAP", "target": "BAC"}]
    offers = [offer_row("lp", "BAC", 4, lat=FIGEAC[0], lon=FIGEAC[1])]
    assert dead_end_targets(offers, legs, 50.0) == ["BTS"]
    assert dead_end_targets([*offers, offer_row("x", "BTS", 5)], legs, 50.0) == []
    # the territory holds level-5 programmes (five other BTS, far): the data covers that level
    others = [offer_row(f"y{i}", f"BTS2{i}", 5, lat=PARIS[0], lon=PARIS[1]) for i in range(5)]
    elsewhere = offer_row("far", "BTS", 5, lat=TOULOUSE[0], lon=TOULOUSE[1], commune="Toulouse")
    got = dead_ends(inside(offers=[*offers, *others], legs=legs, outside_offers=[elsewhere]))
    assert [f.id for f in got] == ["dead_end:lp:BAC"]
    assert got[0].severity == "medium" and got[0].data["nearest_outside"]["actor_id"] == "far"
    assert "Toulouse" in got[0].why and got[0].data["nearest_km"] < 150
    # within reach (Capdenac, ~18 km): no dead end
    near = offer_row("near", "BTS", 5, lat=CAPDENAC[0], lon=CAPDENAC[1], commune="Capdenac")
    assert dead_ends(inside(offers=[*offers, *others], legs=legs, outside_offers=[near])) == []
    # farther than the bounded search: said so, no far-away "nearest"
    paris = offer_row("paris", "BTS", 5, lat=48.857, lon=2.352, commune="Paris")
    alone = dead_ends(inside(offers=[*offers, *others], legs=legs, outside_offers=[paris]))
    assert alone[0].severity == "high" and "Aucune suite à moins de 150 km" in alone[0].why
    assert alone[0].data["nearest_outside"] is None
    # the same when the far offer is not read, only the fact that the next step is offered
    # somewhere (data.py reads the next steps' offers near the territory only)
    offered = [{"diploma": paris["diploma"], "sectors": paris["sectors"]}]
    unread = dead_ends(inside(offers=[*offers, *others], legs=legs, offered_next=offered))
    assert [f.model_dump() for f in unread] == [f.model_dump() for f in alone]
    # and a next step offered nowhere is not described by the data: not judged
    assert dead_ends(inside(offers=[*offers, *others], legs=legs)) == []
    # the territory holds no level-5 programme at all: the data does not cover that level
    # here, the offer is not judged a dead end
    assert dead_ends(inside(offers=offers, legs=legs, outside_offers=[elsewhere])) == []
    # a programme of the next level within reach (another BTS at Figeac): the data may only
    # lack the passerelle to it, so no dead end either
    near_kind = offer_row("z", "BTS3", 5, lat=FIGEAC[0], lon=FIGEAC[1])
    assert dead_ends(inside(offers=[*offers, near_kind], legs=legs, outside_offers=[paris])) == []
    # only one programme of that level in the whole territory: the files may not describe
    # the continuations there (the Nord's 2 licences pro); a question, not an alarm
    thin = dead_ends(inside(offers=[*offers, others[0]], legs=legs, outside_offers=[paris]))
    assert [f.severity for f in thin] == ["low"] and thin[0].data["thin_coverage"]
    assert "sans doute incomplètes, à vérifier" in thin[0].why
    assert not alone[0].data["thin_coverage"]


def test_a_dead_end_says_which_known_next_steps_are_only_inferred() -> None:
    """tester24: a BTS opticien-lunetier's « Suites connues dans les données » listed BUT
    carrières sociales, an inferred leg, as if a source documented it: an inferred next step
    is said so, a documented one is not."""
    offers = [offer_row("lp", "BAC", 4, lat=FIGEAC[0], lon=FIGEAC[1])]
    others = [offer_row(f"y{i}", f"BTS2{i}", 5, lat=PARIS[0], lon=PARIS[1]) for i in range(5)]
    paris = offer_row("paris", "BTS", 5, lat=48.857, lon=2.352, commune="Paris")
    for leg, said in (
        ({"source": "BAC", "inferred": ["BTS|groupe NSF 331"]}, True),
        ({"source": "BAC", "documented": ["BTS|doc"], "inferred": ["BTS|groupe NSF 331"]}, False),
        ({"source": "BAC", "target": "BTS"}, False),
    ):
        (f,) = dead_ends(inside(offers=[*offers, *others], legs=[leg], outside_offers=[paris]))
        assert f.why.startswith("Suites connues dans les données pour ce diplôme (1")
        assert ("(1, déduite, qu'aucune source ne documente) : " in f.why) is said, f.why
    # one inferred among documented ones: said after its name
    legs = [{"source": "BAC", "documented": ["BTS|doc"], "inferred": ["BTS9|groupe NSF 331"]}]
    far9 = offer_row("paris9", "BTS9", 5, lat=48.857, lon=2.352, commune="Paris")
    (f,) = dead_ends(inside(offers=[*offers, *others], legs=legs, outside_offers=[paris, far9]))
    assert "(2) : Diplôme BTS ; Diplôme BTS9 (suite déduite, qu'aucune source" in f.why, f.why


def test_a_next_step_in_the_territory_counts_within_reach_only() -> None:
    """A région is 300 km wide: a next step offered in it, but far from the offer, does not
    continue it (the région's report hid dead ends its départements' reports listed); said
    « aucune suite connue à moins de 50 km », with the nearest, not « … sur le territoire »."""
    legs = [{"source": "BAC", "target": "BTS"}]
    bac = offer_row("lp", "BAC", 4, lat=FIGEAC[0], lon=FIGEAC[1], departement="046")
    far = offer_row("far", "BTS", 5, lat=TOULOUSE[0], lon=TOULOUSE[1], commune="Toulouse")
    far["offer"]["departement"] = "031"
    assert dead_end_targets([bac, far], legs, 50.0) == ["BTS"]
    got = dead_ends(inside(offers=[bac, far], legs=legs, outside_offers=[far]))
    assert [f.id for f in got] == ["dead_end:lp:BAC"]
    assert got[0].data["next_in_territory"] is True and got[0].data["nearest_km"] > 100
    assert "Aucune suite connue à moins de 50 km : l'une est proposée ailleurs sur le " in (
        got[0].why
    )
    # within reach in the territory: no dead end, nothing read for it
    near = offer_row("near", "BTS", 5, lat=CAPDENAC[0], lon=CAPDENAC[1], departement="012")
    assert dead_end_targets([bac, far, near], legs, 50.0) == []
    assert dead_ends(inside(offers=[bac, far, near], legs=legs, outside_offers=[far])) == []
    # offered in the territory at an unknown place: in the offer's département, it may be
    # within reach (not judged); in another, said as such
    unplaced = offer_row("nowhere", "BTS", 5, departement="046")
    assert dead_ends(inside(offers=[bac, far, unplaced], legs=legs, outside_offers=[far])) == []
    unplaced["offer"]["departement"] = "031"
    got = dead_ends(inside(offers=[bac, unplaced, far], legs=legs, outside_offers=[far]))
    assert got and got[0].data["next_in_territory"] is True


def test_a_dead_end_whose_next_steps_are_all_licences_pro_is_a_question() -> None:
    """The files almost never list licences pro (graph/pathways/unoffered_goals.py,
    UNSEEN_TYPES): « BTS tourisme — … Aucune suite à moins de 150 km » rated high when its only
    known continuations were licences pro; now low, with the Bac+3 caveat."""

    def lp(a: str, code: str, where: tuple[float, float]) -> Row:
        row = offer_row(a, code, 6, lat=where[0], lon=where[1], commune="Paris")
        row["diploma"]["type"] = "licence_pro"
        return row

    legs = [{"source": "BTS", "target": "LP"}]
    start = offer_row("lp", "BTS", 5, lat=FIGEAC[0], lon=FIGEAC[1])
    held = [lp(f"y{i}", f"LP2{i}", PARIS) for i in range(5)]  # not thin: 5 in the territory
    got = dead_ends(inside(offers=[start, *held], legs=legs, outside_offers=[lp("p", "LP", PARIS)]))
    assert [f.severity for f in got] == ["low"], got
    assert got[0].data["unlisted_next_kinds"] and not got[0].data["thin_coverage"]
    assert "licences professionnelles, masters et écoles recrutant après un Bac+2" in got[0].why
    # a next step of a kind the files list (a BUT): the finding stays high, no caveat
    but = [{**r, "diploma": {**r["diploma"], "type": "but"}} for r in [*held]]
    far_but = lp("p", "LP", PARIS)
    far_but["diploma"]["type"] = "but"
    kept = dead_ends(inside(offers=[start, *but], legs=legs, outside_offers=[far_but]))
    assert [f.severity for f in kept] == ["high"] and not kept[0].data["unlisted_next_kinds"]
    assert "Bac+2" not in kept[0].why


def test_unmet_demand_compares_needs_with_known_capacity() -> None:
    demand = [{"campus": "c", "period": "2023", "count": 100, "source": "survey"}]
    d = inside(
        offers=[offer_row("lp", "BAC", 4, capacity=30)],
        sectors=[
            sector_row("aero", demand=demand),
            sector_row("bois", demand=demand, rome=["F1607"]),
        ],
    )
    got = {f.id: f for f in unmet_demand(d)}
    assert got["demand:aero"].data["gap"] == 70 and got["demand:aero"].severity == "high"
    assert got["demand:bois"].data["offers"] == 0 and got["demand:bois"].severity == "high"
    assert "aucune formation locale" in got["demand:bois"].why
    assert [f.id for f in unmet_demand(d, sector="aero")] == ["demand:aero"]
    assert unmet_demand(d, campus="other") == []  # not the campus's sectors
    # another campus's demand table is never shown in a territory that is not its own
    foreign = inside(
        offers=[offer_row("lp", "BAC", 4, capacity=30)],
        sectors=[sector_row("aero", demand=demand)],
        local_campuses=set(),
    )
    assert unmet_demand(foreign) == []
    assert [f.id for f in continuum_breaks(foreign)] in ([], ["continuum:*"])


MV_SOURCE = "004_4d74e85f9a48366b.txt §3.2 « Soudeurs » (tableau « Tous départements »)"


def test_a_campus_figure_speaks_for_the_part_of_a_region_the_campus_covers() -> None:
    """tester24: the Mecanic Vallée's recruitment figures (Aveyron and Lot) were weighed
    against the training of the whole of Occitanie, without naming the campus. Outside the
    campus's own report, only the offers of its départements count, and the campus and its
    document are named; its own report is unchanged."""
    demand = [{"campus": "c", "period": "2015-11", "count": 100, "source": MV_SOURCE}]
    rows = [
        offer_row("lp", "BAC", 4, capacity=10, departement="012"),
        offer_row("far", "BAC", 4, capacity=200, departement="031"),
    ]
    d = inside(offers=rows, sectors=[sector_row("aero", demand=demand, linked=1)])
    d.campus_departements = {"c": ["012", "046"]}
    d.campus_names = {"c": "CMQ Mecanic Vallée"}
    (region,) = unmet_demand(d)
    assert region.data["capacity"] == 10 and region.data["gap"] == 90
    assert region.why == (
        "100 recrutements recensés (2015-11) par le CMQ Mecanic Vallée sur son territoire "
        "(Dossier de candidature du CMQ Mecanic Vallée, §3.2) ; dans la partie du territoire "
        "qu'il couvre (le département de l'Aveyron (12)) : 10 places de formation connues "
        "(écart : 90)."
    )
    assert [n.key for n in region.nodes] == ["aero", "lp"]
    # none of the campus's départements teaches it: said for that part only
    rows[0]["offer"]["departement"] = "031"
    (none,) = unmet_demand(d)
    assert none.why.endswith("qu'il couvre : aucune formation locale qui y prépare.")
    # the campus's own report: the whole of its offers, as before
    rows[0]["offer"]["departement"] = "012"
    (own,) = unmet_demand(d, campus="c")
    assert own.data["capacity"] == 210
    assert own.why.startswith("100 recrutements recensés (2015-11) pour 210 places")


def test_a_figure_of_a_filiere_nothing_ties_to_a_programme_never_says_no_training() -> None:
    """tester24: « Divers production | 39 recrutements recensés (2015-11) et aucune formation
    locale qui y prépare » — the field has no code: nothing can count for it."""
    demand = [{"campus": "c", "period": "2015-11", "count": 39, "source": MV_SOURCE}]
    d = inside(
        offers=[offer_row("lp", "BAC", 4, capacity=30, departement="012", sectors=[])],
        sectors=[sector_row("divers", kind="job_family", demand=demand)],
    )
    (own,) = unmet_demand(d, campus="c")
    assert "aucune formation locale" not in own.why
    assert "aucune formation des établissements" not in own.why
    assert own.why.startswith(
        "39 recrutements recensés (2015-11) mais les fichiers ne permettent de rattacher cette "
        "filière à aucun diplôme ("
    ), own.why
    assert own.why.endswith("la formation locale qui y prépare n'est pas connue, à vérifier.")
    assert own.severity == "medium"
    d.campus_departements = {"c": ["012", "046"]}
    d.campus_names = {"c": "CMQ Mecanic Vallée"}
    (region,) = unmet_demand(d)
    assert "par le CMQ Mecanic Vallée sur son territoire" in region.why
    assert "n'est pas connue, à vérifier." in region.why and "aucune formation locale" not in (
        region.why
    )


def test_a_filiere_nothing_ties_to_a_programme_is_not_called_untrained() -> None:
    """« Métiers de l'industrie » (Clermont campus) has no ROME code and no seed programme: the
    63 report said « aucune formation locale » while the 63 offers dozens of industrial
    programmes. The data cannot tell, and the finding says so."""
    d = inside(
        offers=[offer_row("lp", "BAC", 4, capacity=30, sectors=[])],
        sectors=[sector_row("industrie"), sector_row("maint", rome=["I1304"])],
    )
    got = {f.id: f.why for f in unmet_demand(d)}
    assert got["demand:maint"].startswith("Filière du campus sans aucune formation locale")
    assert "aucune formation locale" not in got["demand:industrie"]
    assert "n'est pas connue" in got["demand:industrie"]


def test_a_campus_note_does_not_make_an_untied_filiere_untrained() -> None:
    """Fécamp's « Éolien (dont éolien offshore) » has a campus note (« Formation multi-sites
    envisagée ») but no ROME code and no linked diploma: the 76 + 27 report said « sans aucune
    formation locale recensée » beside a BTS option systèmes éoliens at Fécamp. Nothing can
    count for it: the finding hedges (low), note kept; a linked diploma or a ROME code keeps
    the assertive sentence."""
    note = "Formation multi-sites envisagée pour l'éolien."
    d = inside(
        offers=[offer_row("lp", "BTS", 5, capacity=30, sectors=[])],
        sectors=[
            sector_row("eolien", local_training_note=note),
            sector_row("linked", local_training_note=note, linked=1),
            sector_row("fonderie", local_training_note=note, rome=["H2907"]),
        ],
    )
    got = {f.id: f for f in unmet_demand(d)}
    eolien = got["demand:eolien"]
    assert "sans aucune formation" not in eolien.why and "n'est pas connue" in eolien.why
    assert eolien.why.endswith(note) and eolien.severity == "low"
    for sid in ("linked", "fonderie"):
        assert got[f"demand:{sid}"].why.startswith("Filière du campus sans aucune formation")
        assert got[f"demand:{sid}"].severity == "medium"


def test_isolated_actors() -> None:
    d = inside(
        actors=[
            actor("firm", "company"),
            actor("lp", "lycee"),
            actor("iut", "iut"),
            actor("pft", "pft", label="Platform"),
            actor("guest", "company", roles=[]),
        ],
        edges=[edge("PARTNERS_WITH", "iut", "guest"), edge("HOSTS", "iut", "pft", lb="Platform")],
    )
    got = {f.id: f.severity for f in isolated_actors(d)}
    assert got == {"isolated:firm:company": "high", "isolated:lp:school": "medium"}
    with_campus = {f.id for f in isolated_actors(d, campus="c")}
    assert "isolated:guest:role" in with_campus and "isolated:firm:role" not in with_campus


def test_suggested_partnerships_rest_on_a_shared_filiere_within_reach() -> None:
    d = inside(
        actors=[actor("firm", "company"), actor("lp", "lycee", CAPDENAC), actor("far", "lycee")],
        offers=[offer_row("lp", "BAC", 4), offer_row("far", "BAC", 4, sectors=["bois"])],
        edges=[edge("WORKS_ON", "firm", "aero", lb="Sector")],
        sectors=[sector_row("aero"), sector_row("bois")],
    )
    got = suggested_partnerships(d)
    assert [f.id for f in got] == ["suggest:firm:lp"] or [f.id for f in got] == ["suggest:lp:firm"]
    assert got[0].data["pair"] == "economic-school" and "Aero" in got[0].why
    partnered = inside(
        actors=d.actors, offers=d.offers, sectors=d.sectors,
        edges=[*d.edges, edge("PARTNERS_WITH", "firm", "lp")],
    )  # fmt: skip
    assert suggested_partnerships(partnered) == []


def test_brokers_bridges_and_cut_points() -> None:
    d = inside(
        actors=[actor(x, "lycee") for x in ("a", "b", "c", "d")],
        edges=[edge("PARTNERS_WITH", "a", "b"), edge("PARTNERS_WITH", "b", "c")],
        agreements=[{"parties": ["c", "d", "outsider"]}],
    )
    got = {f.id: f for f in brokers_and_fragile_links(d)}
    assert got["broker:b"].data["betweenness"] > 0 and got["broker:c"].data["betweenness"] > 0
    assert {"bridge:a:b", "cut:b", "cut:c"} <= set(got)


def test_an_actor_on_under_one_percent_of_the_paths_is_no_pivot() -> None:
    """A review read « Acteur pivot : il est sur 0% des plus courts chemins »: in a network of
    60 partners all linked together, the five that also link one more actor carry about 0.6 %
    of the shortest paths each; none is called a pivot, and a real one is said in French."""
    clique = [f"c{i:02}" for i in range(60)]
    links = [edge("PARTNERS_WITH", a, b) for i, a in enumerate(clique) for b in clique[i + 1 :]]
    links += [edge("PARTNERS_WITH", "x", c) for c in clique[:5]]
    d = inside(actors=[actor(a, "entreprise") for a in [*clique, "x"]], edges=links)
    assert not [f for f in brokers_and_fragile_links(d) if f.id.startswith("broker:")]
    star = inside(
        actors=[actor(a, "entreprise") for a in ("hub", "a", "b", "c")],
        edges=[edge("PARTNERS_WITH", "hub", x) for x in ("a", "b", "c")],
    )
    (pivot,) = [f for f in brokers_and_fragile_links(star) if f.id.startswith("broker:")]
    assert pivot.why.startswith("Acteur pivot : il est sur 100 % des plus courts chemins"), pivot


def test_an_establishment_and_its_sections_are_one_actor() -> None:
    """A lycée with its section and annex (PART_OF) is no pivot, its links to them no fragile
    links; a partner of its section is a partner of the lycée."""
    parts = [edge("PART_OF", "sep", "lp"), edge("PART_OF", "annexe", "lp")]
    d = inside(actors=[actor(x, "lycee") for x in ("lp", "sep", "annexe")], edges=parts)
    assert brokers_and_fragile_links(d) == []
    d = inside(
        actors=[actor(x, "lycee") for x in ("lp", "sep", "annexe", "x", "y")],
        edges=[*parts, edge("PARTNERS_WITH", "sep", "x"), edge("PARTNERS_WITH", "annexe", "y")],
    )
    got = {f.id for f in brokers_and_fragile_links(d)}
    assert got == {"broker:lp", "bridge:lp:x", "bridge:lp:y", "cut:lp"}, got


def test_the_report_keeps_the_order_of_sections_and_cuts_to_the_limit() -> None:
    d = inside(
        offers=[
            *(offer_row(f"lp{i}", f"BAC{i}", 4, lat=FIGEAC[0], lon=FIGEAC[1]) for i in range(3)),
            offer_row("y", "BTS2", 5, lat=PARIS[0], lon=PARIS[1]),
        ],
        legs=[{"source": f"BAC{i}", "target": "BTS"} for i in range(3)],
        sectors=[sector_row("aero")],
        outside_offers=[offer_row("paris", "BTS", 5, lat=48.857, lon=2.352)],
    )
    report = compute_report(d, Territory(departements=["046"]), limit=2)
    assert [s.id for s in report.sections] == [
        "continuum_breaks",
        "dead_ends",
        "unmet_demand",
        "isolated_actors",
        "suggested_partnerships",
        "brokers",
    ]
    assert report.territory == "le département du Lot (46)"
    dead = next(s for s in report.sections if s.id == "dead_ends")
    # ranked, cut to the limit, with the total
    assert report.counts["dead_ends"] == dead.total == 3 and len(dead.findings) == 2


def test_the_report_reads_everything_first_with_the_territory_parameters() -> None:
    t = Territory(departements=["046"])
    # placed: an offer without coordinates is not judged, its next steps are not read
    offers = [
        offer_row("lp", "BAC", 4, departement="046", lat=FIGEAC[0], lon=FIGEAC[1]),
        offer_row("x", "CAP", 3),
        # a programme of the next step's level in the territory, at no known place
        offer_row("y", "BTS9", 5, departement="046"),
    ]
    store = FakeStore(
        {
            # offers with ids and codes, then their establishments and diplomas once each
            "gaps_offer_rows": [
                {
                    "actor": r["actor"]["id"],
                    "offer": [r["offer"].get(k) for k in OFFER_FIELDS],
                    "diploma": r["diploma"]["code"],
                }
                for r in offers
            ],
            "gaps_offer_rows_of": [],
            "gaps_offered_diplomas": [
                {"diploma": {"code": "BTS", "name": "BTS", "level": 5}, "sectors": ["aero"]}
            ],
            "gaps_offer_actors": lambda p: [
                {"actor": r["actor"]} for r in offers if r["actor"]["id"] in p["ids"]
            ],
            "gaps_diplomas": lambda p: [
                {"diploma": r["diploma"], "sectors": r["sectors"]}
                for r in offers
                if r["diploma"]["code"] in p["codes"]
            ],
            "gaps_next_steps": [{"source": "BAC", "from_departements": None, "targets": ["BTS"]}],
            "gaps_sectors": [sector_row("aero")],
            "gaps_actors": [actor("lp", "lycee"), {**actor("far", "lycee"), "departement": "012"}],
            "gaps_edges_of": [],
            "gaps_agreements": [],
            "gaps_campuses": [],
            "pathway_programme_territories_of": [],
            "gaps_level_sources": [],
        }
    )
    d = read_gap_data(store, t, None)

    def codes(c: Any) -> list[str] | None:
        return (
            [n["code"] for n in c.params["near"]] if "near" in c.params else c.params.get("codes")
        )

    assert [(c.name, codes(c), c.params.get("ids")) for c in store.calls] == [
        ("gaps_offer_rows", None, None),
        ("gaps_offer_actors", None, ["lp", "x", "y"]),
        ("gaps_diplomas", ["BAC", "BTS9", "CAP"], None),
        ("gaps_actors", None, None),  # the territory's, by the same parameters
        ("gaps_sectors", None, None),
        ("gaps_campuses", None, None),
        ("gaps_edges_of", None, ["lp"]),  # only the links of the territory's actors
        ("gaps_agreements", None, ["lp"]),
        ("gaps_next_steps", ["BAC", "BTS9", "CAP"], None),
        # the territories of the campus programmes among the next steps (codes that are no
        # national diploma code: "BTS" here)
        ("pathway_programme_territories_of", ["BTS"], None),
        # the files listing each level, over the whole graph (kept per graph version)
        ("gaps_level_sources", None, None),
        # the next step of the possible dead end, within reach of it, then, none there,
        # whether it is offered anywhere (a programme of its level is held in the territory)
        # and where its nearest is looked for (offered nowhere, or of a level the territory
        # does not hold, it would not be: test_the_nearest_is_looked_up_only_for_judged_offers)
        ("gaps_offer_rows_of", ["BTS"], None),
        ("gaps_offered_diplomas", ["BTS"], None),
        ("gaps_offer_rows_of", ["BTS"], None),
    ]
    reach, nearest = (store.calls[i].params["near"][0] for i in (-3, -1))
    assert nearest["max_lat"] - nearest["min_lat"] > reach["max_lat"] - reach["min_lat"]
    assert store.calls[0].params == t.query_params()
    assert store.calls[3].params == {"ids": None, **t.query_params()}
    # CAP's offer has no département
    assert [r["diploma"]["code"] for r in d.inside] == ["BAC", "BTS9"]
    assert d.inside_ids == {"lp"}
    before = len(store.calls)
    compute_report(d, t)
    assert len(store.calls) == before  # computing reads nothing


def test_the_next_steps_read_near_possible_dead_ends_judge_as_all_their_offers() -> None:
    """The next steps' offers are read per diploma within reach of the possible dead ends, then,
    for those with none within reach, within the nearest-next-step search's bound
    (graph/gaps/data.py, read_next_steps_near): the dead ends found, with their nearest next
    steps, are those found from every offer of the next steps, anywhere."""
    rng = random.Random(22)
    levels = {"BAC1": 4, "BAC2": 4, "BTS1": 5, "BTS2": 5, "BTS3": 5, "BUT1": 6, "IN5": 5}
    legs = [
        {"source": "BAC1", "targets": ["BTS1", "BTS2"]},
        {"source": "BAC2", "targets": ["BTS3", "BUT1"]},
    ]

    def row(a: str, code: str, lat: float, lon: float, **kw: Any) -> Row:
        return offer_row(a, code, levels[code], lat=lat, lon=lon, departement="046", **kw)

    inside_rows = [
        row(
            f"lp{i}",
            rng.choice(["BAC1", "BAC2"]),
            44.6 + rng.uniform(-0.4, 0.4),
            1.8 + rng.uniform(-0.5, 0.5),
        )
        for i in range(30)
    ]
    # two lycées 200 km and more from any next step
    inside_rows += [row("far1", "BAC1", 49.6, 8.0), row("far2", "BAC2", 49.8, 8.3)]
    # the levels 5 and 6 are held in the territory, in another filière, far from every lycée
    inside_rows += [
        row("in5", "IN5", 44.1, 1.0, sectors=["x"]),
        row("in6", "BUT1", 44.1, 1.0, sectors=["x"]),
    ]
    outside = [
        row(
            f"o{i}",
            rng.choice(["BTS1", "BTS2", "BTS3", "BUT1"]),
            44.6 + rng.uniform(-3.0, 3.0),
            1.8 + rng.uniform(-4.0, 4.0),
            status=rng.choice(["open", "open", "open", "closed"]),
        )
        for i in range(160)
    ]
    every = {r["actor"]["id"]: r for r in inside_rows + outside}

    def near(p: Mapping[str, Any]) -> list[Row]:
        boxes = {n["code"]: n for n in p["near"]}
        return [
            {
                "actor": r["actor"]["id"],
                "offer": [r["offer"].get(k) for k in OFFER_FIELDS],
                "diploma": r["diploma"]["code"],
            }
            for r in outside
            if (b := boxes.get(r["diploma"]["code"])) is not None
            and (
                b["min_lat"] is None
                or (
                    b["min_lat"] <= r["offer"]["lat"] <= b["max_lat"]
                    and b["min_lon"] <= r["offer"]["lon"] <= b["max_lon"]
                )
            )
            # an earlier read's box (cypher/gaps_offer_rows_of.cypher)
            and not (
                b.get("skip_min_lat") is not None
                and b["skip_min_lat"] <= r["offer"]["lat"] <= b["skip_max_lat"]
                and b["skip_min_lon"] <= r["offer"]["lon"] <= b["skip_max_lon"]
            )
        ]

    store = FakeStore(
        {
            "gaps_offer_rows_of": near,
            "gaps_offer_actors": lambda p: [{"actor": every[i]["actor"]} for i in p["ids"]],
            "gaps_diplomas": lambda p: [
                {
                    "diploma": {"code": c, "name": f"Diplôme {c}", "level": levels[c]},
                    "sectors": ["aero"],
                }
                for c in p["codes"]
            ],
        }
    )
    d = inside(offers=inside_rows, legs=legs)
    targets, far = dead_end_candidates(d.inside, d.steps(), REACH_KM)
    read, still = read_next_steps_near(store, far, d.steps())
    everything = read_offers(
        store, "gaps_offer_rows_of", {"near": [{"code": t, **NO_BOX} for t in targets]}
    )
    assert len(read) < len(everything) and 0 < len(still) < len(targets) + 1
    # as read_gap_data reads them: the second round without the first round's offers of each
    # diploma, the establishments and diplomas read once: the same rows
    nexts = d.steps()
    boxes = _boxes(far, nexts, REACH_KM + 1.0)
    known = KnownRows()
    first, left = read_next_steps_within_reach(store, far, nexts, known=known, boxes=boxes)
    ids, before = set(known.actors), len(store.calls)
    assert read_nearest_next_steps(store, first, left, nexts, known=known, read=boxes) == read
    second = store.calls[before:]
    asked = [c.params["near"] for c in second if c.name == "gaps_offer_rows_of"]
    assert len(asked) == 1 and any("skip_min_lat" in b for b in asked[0])
    unskipped = [{k: v for k, v in b.items() if not k.startswith("skip_")} for b in asked[0]]
    assert 0 < len(near({"near": asked[0]})) < len(near({"near": unskipped}))
    again = [c.params["ids"] for c in second if c.name == "gaps_offer_actors"]
    assert again and not ids & {i for got in again for i in got}

    def offered(codes: list[str]) -> list[Row]:
        return [
            {
                "diploma": {"code": c, "name": f"Diplôme {c}", "level": levels[c]},
                "sectors": ["aero"],
            }
            for c in codes
            if any(r["diploma"]["code"] == c and r["offer"]["status"] != "closed" for r in outside)
        ]

    got = dead_ends(
        inside(offers=inside_rows, legs=legs, outside_offers=read, offered_next=offered(still))
    )
    want = dead_ends(
        inside(
            offers=inside_rows,
            legs=legs,
            outside_offers=sorted(everything, key=_offer_order),
            offered_next=offered(targets),
        )
    )
    assert [f.model_dump() for f in got] == [f.model_dump() for f in want]
    # some found with a nearest next step, some with none within the bound, some not found
    # for a next step outside within reach
    assert {f.data["nearest_outside"] is None for f in got} == {True, False}
    assert len(got) < len({(r["actor"]["id"]) for r in far})


def test_the_nearest_next_step_at_equal_distance_does_not_depend_on_hash_order() -> None:
    """Equidistant next steps: the smallest diploma code (then establishment id) is named,
    whatever order the set of next steps iterates in (it changes with PYTHONHASHSEED)."""
    start = offer_row("lp", "BAC", 4, lat=FIGEAC[0], lon=FIGEAC[1])
    other = offer_row("y", "BTS0", 5, lat=PARIS[0], lon=PARIS[1])  # level 5 covered, far
    codes = [f"BTS{i:02d}" for i in range(40, 0, -1)]
    legs = [{"source": "BAC", "target": c} for c in codes]
    # every next step offered at the same place, Toulouse, by two establishments each
    elsewhere = [
        offer_row(a, c, 5, lat=TOULOUSE[0], lon=TOULOUSE[1], commune="Toulouse")
        for c in codes
        for a in ("zz", "aa")
    ]
    for order in (elsewhere, elsewhere[::-1]):
        got = dead_ends(inside(offers=[start, other], legs=legs, outside_offers=order))
        nearest = got[0].data["nearest_outside"]
        assert (nearest["diploma"], nearest["actor_id"]) == ("BTS01", "aa")


def test_the_box_around_offers_holds_every_place_within_the_distance() -> None:
    rng = random.Random(3)
    for _ in range(200):
        lat0, lon0 = rng.uniform(-60, 60), rng.uniform(-170, 170)
        rows: list[Row] = [
            {"offer": {"lat": lat0 + rng.uniform(-2, 2), "lon": lon0 + rng.uniform(-2, 2)}}
            for _ in range(rng.randint(1, 4))
        ]
        rows.append({"offer": {"lat": None, "lon": None}})  # no coordinates: ignored
        km = rng.choice([10.0, 50.0, 151.0])
        box = box_around(rows, km)
        assert box is not None
        for _ in range(50):
            o = rng.choice(rows[:-1])["offer"]
            lat = o["lat"] + rng.uniform(-3, 3)
            lon = o["lon"] + rng.uniform(-4, 4)
            if haversine_km(o["lat"], o["lon"], lat, lon) <= km:
                assert box["min_lat"] <= lat <= box["max_lat"]
                assert box["min_lon"] <= lon <= box["max_lon"]
    assert box_around([{"offer": {"lat": None}}], 50.0) is None
    assert box_around([{"offer": {"lat": 10.0, "lon": 179.9}}], 50.0) is None  # ±180°: all


def test_section_notes_say_what_the_data_does_not_know() -> None:
    """No campus, no company, no partnership: the notes say the demand and the isolation
    cannot be judged; a ranked section cut at its cap says its total is « at least »."""
    public = {**actor("lp", "lycee"), "campuses": [], "roles": []}
    d = inside(actors=[public], offers=[offer_row("lp", "BAC", 4)], local_campuses=set())
    notes = section_notes(d, {}, cap=2)
    assert "ne peuvent donc pas être jugés" in notes["unmet_demand"]
    assert notes["isolated_actors"].startswith("1 établissement connu seulement")
    assert "pas de réseau à analyser" in notes["brokers"]
    # nothing to suggest, and why: no company nor lab is known, no two schools follow on
    assert notes["suggested_partnerships"].startswith("Aucun rapprochement à suggérer : aucune")
    assert isolated_actors(d) == []  # not judged: no file describes its partnerships
    two = [Finding(id=f"s{i}", title="t", why="w", severity="low", nodes=[]) for i in (1, 2)]
    full = section_notes(d, {"suggested_partnerships": two}, cap=2)
    assert full["suggested_partnerships"].startswith("Au moins 2 paires")
    # schools only: the suggestions are said to be pairs of schools
    assert "Aucune entreprise ni aucun laboratoire" in full["suggested_partnerships"]
    judged = inside(
        actors=[actor("lp", "lycee"), actor("firm", "company")], offers=[offer_row("lp", "BAC", 4)]
    )
    judged_notes = section_notes(judged, {})
    assert "isolated_actors" not in judged_notes
    assert "ne partage une filière" in judged_notes["suggested_partnerships"]
    assert "suggested_partnerships" not in section_notes(judged, {"suggested_partnerships": two})


def test_a_campus_territory_without_placed_companies_does_not_say_none_is_recorded() -> None:
    """Aveyron and Lot: the Mecanic Vallée's documents name Figeac Aéro, AT2D… without a
    commune; the territory's report said « Aucune entreprise n'est recensée sur ce territoire »."""
    public = {**actor("lp", "lycee"), "campuses": [], "roles": []}
    d = inside(actors=[public], offers=[offer_row("lp", "BAC", 4)], local_campuses={"c"})
    note = section_notes(d, {})["isolated_actors"]
    assert "Aucune entreprise n'est recensée" not in note
    assert "Aucune entreprise n'a de lieu connu sur ce territoire" in note
    d.local_campuses = set()
    assert "Aucune entreprise n'est recensée" in section_notes(d, {})["isolated_actors"]


def test_the_csv_lists_each_source_once() -> None:
    """Overlapping sources of one finding were joined as they came (« …BTS, 2022 | …2022 ;
    …2023 »): one list now, each citation once."""
    said = sources_fr(
        [
            "constat_2020.csv (DEPP constat des effectifs, rentrée 2020); "
            "BTS_attractivite_capacite_2022.csv (Parcoursup 2022, MESR)",
            "BTS_attractivite_capacite_2022.csv (Parcoursup 2022, MESR); "
            "BTS_attractivite_capacite_2023.csv (Parcoursup 2023, MESR)",
        ]
    )
    assert said.count("BTS, 2022") == 1 and " | " not in said, said
    assert "BTS, 2023" in said and "2020" in said, said


def test_a_programme_of_the_next_level_within_reach_across_the_border_is_no_dead_end() -> None:
    """answers22: a programme of the next step's type and level, of the same filière, within
    REACH_KM but outside the territory (GapData.kind_offers, read around the offers that may be
    dead ends) counts as one inside does: a département's report no longer calls a dead end
    what its région's report, which holds that programme, does not (10 + 1 such in
    Nouvelle-Aquitaine and Occitanie on the national files)."""
    legs = [{"source": "BAC", "target": "BTS"}]
    offers = [offer_row("lp", "BAC", 4, lat=FIGEAC[0], lon=FIGEAC[1])]
    others = [offer_row(f"y{i}", f"BTS2{i}", 5, lat=PARIS[0], lon=PARIS[1]) for i in range(5)]
    far = offer_row("far", "BTS", 5, lat=TOULOUSE[0], lon=TOULOUSE[1], commune="Toulouse")
    across = offer_row("x", "BTS9", 5, lat=CAPDENAC[0], lon=CAPDENAC[1], commune="Capdenac")
    other_field = {**across, "sectors": ["bois"]}
    rows = {"offers": [*offers, *others], "legs": legs, "outside_offers": [far]}
    assert [f.id for f in dead_ends(inside(**rows))] == ["dead_end:lp:BAC"]
    assert dead_ends(inside(**rows, kind_offers=[across])) == []
    # of another filière, it is no excuse
    assert [f.id for f in dead_ends(inside(**rows, kind_offers=[other_field]))] == [
        "dead_end:lp:BAC"
    ]


def test_the_kind_offers_read_near_the_remaining_dead_ends_judge_as_every_one() -> None:
    """The programmes of the next steps' kinds outside the territory are read per kind only
    around the offers that every other test leaves as dead ends, in the cells of a grid meeting
    their 50 km, then kept within 50 km of one of them (graph/gaps/data.py, read_kind_offers):
    the dead ends found are those found from every such programme, anywhere (answers22's read,
    one box around every possible dead end)."""
    rng = random.Random(23)
    types = {"BAC1": "bac_pro", "BAC2": "bac_pro", "BTS1": "bts", "BUT1": "but"}
    levels = {"BAC1": 4, "BAC2": 4, "BTS1": 5, "BUT1": 6}
    for i in range(40):  # other programmes of the next levels, of either filière or none
        code = f"K{i}"
        types[code], levels[code] = rng.choice([("bts", 5), ("but", 6), ("bts", 6)])
    sectors = {c: rng.choice([["aero"], ["bois"], []]) for c in types}
    legs = [
        {"source": "BAC1", "targets": ["BTS1"]},
        {"source": "BAC2", "targets": ["BUT1"]},
    ]

    def row(a: str, code: str, lat: float, lon: float, dep: str, **kw: Any) -> Row:
        r = offer_row(a, code, levels[code], lat=lat, lon=lon, departement=dep, **kw)
        r["diploma"]["type"] = types[code]
        r["sectors"] = sectors[code]
        return r

    lycees = [
        row(
            f"lp{i}",
            rng.choice(["BAC1", "BAC2"]),
            44.6 + rng.uniform(-1.5, 1.5),
            1.8 + rng.uniform(-2.0, 2.0),
            "046",
        )
        for i in range(40)
    ]
    # the next levels held in the territory, one of each kind, far from every lycée
    held = [row("in5", "BTS1", 47.0, 1.0, "046"), row("in6", "BUT1", 47.0, 1.0, "046")]
    # the next steps themselves, 100 km and more from the lycées
    nexts = [row("n5", "BTS1", 41.5, 1.8, "099"), row("n6", "BUT1", 41.4, 1.8, "099")]
    kind = [
        row(
            f"k{i}",
            f"K{rng.randrange(40)}",
            44.6 + rng.uniform(-3.0, 3.0),
            1.8 + rng.uniform(-3.0, 3.0),
            rng.choice(["046", "012", "081"]),
            status=rng.choice(["open", "closed"]),
        )
        for i in range(150)
    ]
    every = {r["actor"]["id"]: r for r in lycees + held + nexts + kind}

    def kind_rows(p: Mapping[str, Any]) -> list[Row]:
        out = []
        for k in p["near"]:
            for r in kind:
                o = r["offer"]
                if (r["diploma"]["type"], r["diploma"]["level"]) != (k["type"], k["level"]):
                    continue
                if o["departement"] in (p["in_departements"] or ()):
                    continue
                if k["min_lat"] is not None and not (
                    k["min_lat"] <= o["lat"] <= k["max_lat"]
                    and k["min_lon"] <= o["lon"] <= k["max_lon"]
                    and int(o["lat"] * p["per_degree"] // 1) * 1000
                    + int(o["lon"] * p["per_degree"] // 1)
                    in k["cells"]
                ):
                    continue
                out.append(
                    {
                        "actor": r["actor"]["id"],
                        "offer": [o.get(f) for f in OFFER_FIELDS],
                        "diploma": r["diploma"]["code"],
                        "type": k["type"],
                        "level": k["level"],
                    }
                )
        return out

    store = FakeStore(
        {
            "gaps_kind_offer_rows": kind_rows,
            "gaps_offer_actors": lambda p: [{"actor": every[i]["actor"]} for i in p["ids"]],
            "gaps_diplomas": lambda p: [
                {
                    "diploma": {
                        "code": c,
                        "name": f"Diplôme {c}",
                        "level": levels[c],
                        "type": types[c],
                    },
                    "sectors": sectors[c],
                }
                for c in p["codes"]
            ],
        }
    )
    offered = [{"diploma": r["diploma"], "sectors": r["sectors"]} for r in nexts]
    territory = Territory(departements=["046"])

    def data(**kw: Any) -> GapData:
        return inside(
            offers=lycees + held, legs=legs, outside_offers=nexts, offered_next=offered, **kw
        )

    d = data()
    d.kind_offers = read_kind_offers(store, territory, d)
    everywhere = [r for r in kind if r["offer"]["departement"] != "046"]
    got = dead_ends(d)
    assert [f.model_dump() for f in got] == [
        f.model_dump() for f in dead_ends(data(kind_offers=everywhere))
    ]
    # fewer read than every one, some lycées spared by a programme outside, some not
    assert 0 < len(d.kind_offers) < len(everywhere)
    assert 0 < len(got) < len(dead_ends(data()))


def test_the_nearest_is_looked_up_only_for_judged_offers() -> None:
    """The second round (offers within 150 km, graph/gaps/data.py) is read only around the
    offers whose nearest next step the dead-ends section looks up (dead_ends.nearest_wanted):
    open, with a next step offered somewhere, of a level the territory holds."""
    legs = [{"source": "BAC", "target": "BTS"}]
    lycee = offer_row("lp", "BAC", 4, lat=FIGEAC[0], lon=FIGEAC[1], departement="046")
    closed = offer_row("lp2", "BAC", 4, lat=FIGEAC[0], lon=FIGEAC[1], status="closed")
    held = offer_row("y", "BTS9", 5, departement="046")

    def offered(level: int) -> list[Row]:
        return [{"diploma": {"code": "BTS", "name": "BTS", "level": level}, "sectors": []}]

    def wanted(**kw: Any) -> list[str]:
        d = inside(offers=[lycee, closed, held], legs=legs, **kw)
        return [r["actor"]["id"] for r in nearest_wanted(d, [lycee, closed])]

    assert wanted(offered_next=offered(5)) == ["lp"]
    assert wanted(offered_next=offered(6)) == []  # a level the territory does not hold
    assert wanted(offered_next=[]) == []  # offered nowhere
    # offered near (read in the first round) counts as offered
    assert wanted(outside_offers=[offer_row("o", "BTS", 5, lat=PARIS[0], lon=PARIS[1])]) == ["lp"]
