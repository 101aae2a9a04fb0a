"""A campus filière that nothing else ties to a diploma (no seed diploma, no ROME code) is tied
to its training by the NSF groups its seed gives (graph/campus_scope.py ``own_field_ties``), in
every section and count of the gap report: the Énergies campus's « Énergies » and « Efficacité
énergétique » (NSF 227) were « rattachées à aucun diplôme » in a Seine-Maritime full of Bac pro
MEE and BTS FED. Never where the campus's records tie diplomas (the Mecanic Vallée's
« Mécatronique », NSF 255, would take every electrician's CAP), never a diploma the campus
files under another of its filières (its BTS CPRP, NSF 223, is « Mécanique de précision », not
« Métallurgie »), and a level none of the field offers is to check, never absent."""

from __future__ import annotations

from typing import Any

from graph.gaps import GapData
from graph.gaps.choices import territory_choices
from graph.gaps.continuum import continuum_breaks
from graph.gaps.data import rows_for_sector
from graph.gaps.demand import training_by_sector, unmet_demand
from graph.gaps.notes import section_notes
from graph.gaps.partnerships import suggested_partnerships

Row = dict[str, Any]


def offer(a: str, code: str, level: int, nsf: str | None, sectors: list[str] | None = None) -> Row:
    return {
        "actor": {"id": a, "name": a.title(), "kind": "lycee", "campuses": []},
        "offer": {"status": "open", "commune": "Rouen", "departement": "076", "source": "f.csv"},
        "diploma": {"code": code, "name": f"Diplôme {code}", "level": level, "nsf": nsf},
        "sectors": sectors or [],
    }


def sector(sid: str, campus: str = "eee", **s: Any) -> Row:
    return {
        "sector": {"id": sid, "name": sid.title(), "kind": "filiere", "source": f"doc {sid}", **s},
        "campuses": [campus],
        "demand": [],
    }


MEE = offer("lp", "40022706", 4, "227")  # Bac pro maintenance et efficacité énergétique
FED = offer("lp", "32022704", 5, "227")  # BTS fluides-énergies-domotique
MELEC = offer("lp", "40025510", 4, "255")  # an electrician's Bac pro


def report(offers: list[Row], sectors: list[Row]) -> GapData:
    d = GapData(offers=offers, sectors=sectors)
    d.inside = d.inside_for_sector = offers
    d.local_campuses = {"eee", "mv"}
    d.campus_names = {"eee": "CMQ Énergies", "mv": "CMQ Mecanic Vallée"}
    return d


def test_a_filiere_tied_by_nothing_else_counts_the_programmes_of_its_nsf_group() -> None:
    d = report([MEE, FED, MELEC], [sector("energies", nsf=["227"], linked=0)])
    got = {f.id: f for f in continuum_breaks(d)}
    f = got["continuum:energies"]
    assert f.data["levels_offered"] == [4, 5] and f.data["linked_by"] == {"nsf": ["227"]}
    # said, by the group's name, never its code
    assert "par son domaine de formation (« Énergie, génie climatique »)" in f.why
    assert "227" not in f.why
    # a level none of its field offers is to check, never « absent » nor a break
    assert f.data["levels_missing"] == [] and f.data["levels_unlinked"] == [3, 6, 7]
    assert "Absents" not in f.why and "rupture" not in f.why and f.severity == "low"
    assert "nFormationDiplome_.csv (diplômes du groupe NSF 227)" in f.sources
    # no « rattachée à aucun diplôme » in the demand section: its training is there
    assert not [x for x in unmet_demand(d) if x.id == "demand:energies"]
    # the filière list counts them, tied
    (choice,) = [
        c for c in territory_choices(d.inside, d.sectors, {"eee"}, {})[0] if c.kind != "field"
    ]
    assert (choice.id, choice.offers, choice.tied) == ("energies", 2, True)
    # asked for itself, the report keeps them
    assert {r["diploma"]["code"] for r in rows_for_sector(d, d.inside, "energies")} == {
        "40022706",
        "32022704",
    }
    # and the continuum is judged per filière (no « Aucune formation n'est rattachée » note)
    notes = section_notes(d, {"continuum_breaks": list(got.values())})
    assert "Aucune formation n'est rattachée" not in notes.get("continuum_breaks", "")


def test_a_filiere_the_campus_ties_diplomas_to_never_takes_its_whole_nsf_group() -> None:
    """The Mecanic Vallée ties diplomas to « Mécatronique » (NSF 201, 255): the electrician's
    Bac pro it does not tie is not its training."""
    d = report([MELEC], [sector("mecatronique", campus="mv", nsf=["201", "255"], linked=9)])
    assert training_by_sector(d.inside, [s["sector"] for s in d.sectors]) == {}
    # nor with a ROME code (the « Fonderie »: H2907, NSF 223)
    fonderie = [sector("fonderie", campus="mv", nsf=["255"], rome=["H2907"])]
    assert training_by_sector(d.inside, [s["sector"] for s in fonderie]) == {}
    # nor a group heading a whole area
    assert training_by_sector(d.inside, [{"id": "x", "nsf": ["200"]}]) == {}


def test_a_diploma_the_campus_files_under_another_filiere_is_not_tied_by_the_group() -> None:
    cprp = offer("lgt", "32022317", 5, "223", sectors=["mecanique-de-precision"])
    tm = offer("lyc", "32022307", 5, "223")  # BTS traitement des matériaux: no campus record
    rows = [
        sector("metallurgie", campus="mv", nsf=["223"], linked=0),
        sector("mecanique-de-precision", campus="mv", nsf=["251"], linked=5),
    ]
    d = report([cprp, tm], rows)
    got = rows_for_sector(d, d.inside, "metallurgie")
    assert [r["diploma"]["code"] for r in got] == ["32022307"]
    # another campus's record is no fact here: it does not take the diploma away
    other = offer("lyc", "32022308", 5, "223", sectors=["auto-mobilites-digital"])
    d = report([other], [*rows, sector("auto-mobilites-digital", campus="am", linked=3)])
    assert [r["diploma"]["code"] for r in rows_for_sector(d, d.inside, "metallurgie")] == [
        "32022308"
    ]


def test_no_programme_of_its_group_is_said_as_such_never_no_training() -> None:
    d = report([MELEC], [sector("energies", nsf=["227"], linked=0)])
    (f,) = [x for x in unmet_demand(d) if x.id == "demand:energies"]
    assert "aucune formation de son domaine de formation (« Énergie, génie climatique »)" in f.why
    assert "un diplôme d'un autre domaine peut y préparer, à vérifier" in f.why
    assert "sans aucune formation locale" not in f.why and f.severity == "low"
    assert f.data["linked_by"] == {"nsf": ["227"]}
    # with a figure: not « aucune formation locale qui y prépare » (high)
    demand = [{"campus": "eee", "period": "2020", "count": 40, "source": "doc"}]
    d = report([MELEC], [{**sector("energies", nsf=["227"], linked=0), "demand": demand}])
    (f,) = [x for x in unmet_demand(d) if x.id == "demand:energies"]
    assert "aucune formation locale qui y prépare" not in f.why and f.severity == "medium"
    assert "aucune formation de son domaine de formation" in f.why
    # with its programmes: the capacity, and the tie said
    d = report([MEE], [{**sector("energies", nsf=["227"], linked=0), "demand": demand}])
    (f,) = [x for x in unmet_demand(d) if x.id == "demand:energies"]
    assert f.data["offers"] == 1 and "rattachées à la filière par son domaine" in f.why


def test_partnerships_of_a_filiere_asked_rest_on_its_nsf_tied_training() -> None:
    """« Énergies » asked: a company working on it and a school offering a programme of its
    group are a pair sharing it (none before, beside a note that no pair shares a field);
    never through a diploma the campus files under another filière."""
    from tests.unit.test_gap_sections import actor, edge, inside

    mee = {**MEE, "actor": {**MEE["actor"], "id": "lp"}}
    d = inside(
        actors=[actor("firm", "company", campuses=["eee"]), actor("lp", "lycee", campuses=[])],
        offers=[mee],
        edges=[edge("WORKS_ON", "firm", "energies", lb="Sector")],
        sectors=[sector("energies", nsf=["227"], linked=0)],
        local_campuses={"eee"},
    )
    got = suggested_partnerships(d, sector="energies")
    assert [f.data["pair"] for f in got] == ["economic-school"] and "Energies" in got[0].why
    # the same diploma filed by the campus under another of its filières: no pair
    filed = {**mee, "sectors": ["other"]}
    d.offers = d.inside = d.inside_for_sector = [filed]
    d.sectors = [*d.sectors, sector("other", linked=1)]
    d._trained.clear()
    assert suggested_partnerships(d, sector="energies") == []
