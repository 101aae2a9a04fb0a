"""Gap reports that belong to their territory (issue 11, second round). Suggested partnerships in a
the Mecanic Vallée's filières (« points communs : Chaudronniers, Maintenance, Mécanique de
précision… ») as what two lycées of Saint-Denis and Saint-Pierre share. Another campus's
filières are never named outside that campus's territory (nor, since round 5, used to tie
diplomas together), and a continuation pair says which diploma leads to which."""

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


def test_another_campuss_filiere_is_no_ground_for_a_suggestion() -> None:
    """Round 5: another campus's filière no longer ties two schools together either (every
    suggestion of the Nord rested on the Mecanic Vallée's « Mécatronique »); the field of
    training (NSF group) of the passerelle between them does, and is named."""
    assert suggested_partnerships(_data(set())) == []  # « c » is not a campus of the territory
    d = _data(set())
    for r in d.offers:
        r["diploma"] = {**r["diploma"], "nsf": "254"}
    [far] = suggested_partnerships(d)
    assert "Chaudronniers" not in far.why
    assert "points communs : domaine « Structures métalliques »" in far.why, far.why
    assert "passerelle Diplôme BACPRO → Diplôme BTS" in far.why, far.why
    assert far.data["shared"] == ["Field:254"]
    [home] = suggested_partnerships(_data({"c"}))  # in its campus's territory: named
    assert "points communs : Chaudronniers" in home.why


def test_two_schools_follow_each_other_in_the_field_they_share() -> None:
    """Two lycées teaching commerce and mechanics, linked by a mechanics passerelle only: the
    suggestion names mechanics, not every field both teach; linked by no passerelle within a
    field they share, they are not suggested."""
    d = inside(
        actors=[actor("lp", "lycee"), actor("lgt", "lycee", CAPDENAC)],
        offers=[
            offer_row("lp", "BACPRO", 4, sectors=[]),
            offer_row("lgt", "BTS", 5, sectors=[]),
            offer_row("lp", "CAPV", 3, sectors=[]),
            offer_row("lgt", "BTSV", 5, sectors=[]),
        ],
        legs=[{"source": "BACPRO", "target": "BTS"}],
        sectors=[],
    )
    fields = {"BACPRO": "251", "BTS": "251", "CAPV": "312", "BTSV": "312"}
    for r in d.offers:
        r["diploma"] = {**r["diploma"], "nsf": fields[r["diploma"]["code"]]}
    [pair] = suggested_partnerships(d)
    assert "domaine « Mécanique générale et de précision, usinage »" in pair.why
    assert "Commerce" not in pair.why and pair.data["shared"] == ["Field:251"]
    # the passerelle out of a field they do not share: no ground
    fields["BTS"] = "200"
    for r in d.offers:
        r["diploma"] = {**r["diploma"], "nsf": fields[r["diploma"]["code"]]}
    assert suggested_partnerships(d) == []
    # the field asked (sector=nsf-312) with no passerelle in it: nothing either
    fields["BTS"] = "251"
    for r in d.offers:
        r["diploma"] = {**r["diploma"], "nsf": fields[r["diploma"]["code"]]}
    assert suggested_partnerships(d, sector="nsf-312") == []
    assert len(suggested_partnerships(d, sector="nsf-251")) == 1


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
