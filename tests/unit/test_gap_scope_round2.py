"""Gap reports that belong to their territory (issue 11, second round). Suggested partnerships in a
the Mecanic Vallée's filières (« points communs : Chaudronniers, Maintenance, Mécanique de
précision… ») as what two lycées of Saint-Denis and Saint-Pierre share. Another campus's
filières may tie diplomas together for the link prediction; they are never named outside
that campus's territory, and a continuation pair says which diploma leads to which."""

from __future__ import annotations

from graph.gaps import GapData
from graph.gaps.continuum import continuum_breaks
from graph.gaps.partnerships import suggested_partnerships
from tests.unit.test_gap_sections import CAPDENAC, actor, inside, offer_row, sector_row


def _data(local: set[str]) -> GapData:
    return inside(
        actors=[actor("lp", "lycee"), actor("lgt", "lycee", CAPDENAC)],
        offers=[
            offer_row("lp", "BACPRO", 4, sectors=["chaudronniers"]),
            offer_row("lgt", "BTS", 5, sectors=["chaudronniers"]),
        ],
        legs=[{"source": "BACPRO", "target": "BTS"}],
        sectors=[sector_row("chaudronniers")],  # covered by campus « c »
        local_campuses=local,
    )


def test_another_campuss_filiere_is_not_named_but_the_passerelle_is() -> None:
    [far] = suggested_partnerships(_data(set()))  # « c » is not a campus of the territory
    assert "Chaudronniers" not in far.why and "points communs" not in far.why
    assert "passerelle Diplôme BACPRO → Diplôme BTS" in far.why, far.why
    [home] = suggested_partnerships(_data({"c"}))  # in its campus's territory: named
    assert "points communs : Chaudronniers" in home.why


def test_no_filiere_and_no_passerelle_no_suggestion() -> None:
    d = _data(set())
    d.legs = []
    assert suggested_partnerships(d) == []


def test_a_diploma_closed_in_the_bcn_offers_no_level() -> None:
    """The gap rows now carry the BCN's closure (cypher/gaps_diplomas.cypher): a level offered
    only by a closed diploma is missing from the continuum."""
    d = inside(
        actors=[actor("lp", "lycee")],
        offers=[
            offer_row("lp", "CAP", 3),
            offer_row("lp", "OLD", 4),
            offer_row("lp", "BTS", 5),
        ],
        sectors=[sector_row("aero")],
    )
    d.offers[1]["diploma"] = {**d.offers[1]["diploma"], "closed": True}
    [everything] = [f for f in continuum_breaks(d) if f.id == "continuum:*"]
    assert everything.data["levels_offered"] == [3, 5]
    assert 4 in everything.data["levels_missing"]
