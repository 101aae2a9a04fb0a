"""« Le plus proche » when establishments have no position (graph/pathways/nearest_unplaced.py):
the national files' cases of tester22, the offers as the pathway cache holds them (their
UAI, département and place from the national files)."""

from __future__ import annotations

from graph.pathways.explanation import why_none
from graph.pathways.nearest_unplaced import nearest_offers
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import Candidate, Offer
from graph.territory import Point, Territory
from tests.unit.test_pathway_rules import diploma, leg

ALENCON = Point(lat=48.4329, lon=0.0913, label="Alençon")
BOURGES = Point(lat=47.0810, lon=2.3988, label="Bourges")


def _offer(code: str, uai: str, name: str, dep: str, commune: str | None = None,
           where: tuple[float, float] | None = None) -> Offer:  # fmt: skip
    lat, lon = where if where else (None, None)
    return Offer(
        code,
        {"id": f"uai-{uai}", "name": name, "uai": uai},
        {"departement": dep, "commune": commune, "lat": lat, "lon": lon, "modality": "school",
         "status": "open"},
        False,
    )  # fmt: skip


# Bac pro interventions sur le patrimoine bâti option C couverture (40023207): placed only at
# Le Port (La Réunion); Affelnet 2022 lists it at 0590198V and 0240012H, the constat 2020 at
# 0391131T, none of them placed
COUVERTURE = [
    _offer("C", "9741050P", "Lycée Jean Hinglo", "974", "Le Port", (-20.9373, 55.2919)),
    _offer("C", "0590198V", "Lycée A", "059"),
    _offer("C", "0240012H", "Lycée B", "024"),
    _offer("C", "0391131T", "Lycée C", "039"),
]
# CAP métiers de la coiffure (50033616) around Bourges: placed at Bourganeuf (Creuse), unplaced
# in the Nièvre and the Loir-et-Cher, next door
COIFFURE = [
    _offer(
        "C", "0230025C", "Lycée professionnel Delphine Gay", "023", "Bourganeuf", (45.9531, 1.7553)
    ),  # fmt: skip
    _offer("C", "0580075S", "Lycée D", "058"),
    _offer("C", "0410832G", "Lycée E", "041"),
]


def _why(home: Point, dep: str, offers: list[Offer]) -> str:
    q = PathwayQuery(
        start_codes=["S"], start_label="niveau 2", to="C", home=home,
        territory=Territory(departements=[dep]),
    )  # fmt: skip
    unrestricted = [Candidate([diploma("S", 2, kind="none"), diploma("C", 4)], [leg()])]
    return why_none(q, unrestricted, {"C": offers})


def test_an_overseas_lycee_is_never_the_nearest_of_a_metropolitan_home_with_offers_in_france() -> (
    None
):
    told = _why(ALENCON, "061", COUVERTURE)
    assert "Réunion" not in told and "9469" not in told and "Hinglo" not in told, told
    assert "le plus proche" not in told, told
    assert (
        "proposé dans les départements du Nord (59), de la Dordogne (24) et du Jura (39), lieu "
        "exact inconnu" in told
    ), told


def test_an_unplaced_offer_next_door_is_said_before_a_placed_one_farther() -> None:
    told = _why(BOURGES, "018", COIFFURE)
    assert "le plus proche : " not in told, told
    assert (
        "le plus proche dont le lieu est connu : Lycée professionnel Delphine Gay (Bourganeuf, "
        "Creuse), à 135 km à vol d'oiseau ; aussi proposé dans les départements du Loir-et-Cher "
        "(41) et de la Nièvre (58), lieu exact inconnu (peut-être plus près)" in told
    ), told


def test_the_placed_nearest_is_said_as_before_when_no_unplaced_one_can_be_nearer() -> None:
    """An unplaced offer in a far département does not change the sentence."""
    offers = [COIFFURE[0], _offer("C", "0060001A", "Lycée F", "006")]
    told = _why(BOURGES, "018", offers)
    assert (
        "le plus proche : Lycée professionnel Delphine Gay (Bourganeuf, Creuse), à 135 km" in told
    ), told
    assert "Alpes-Maritimes" not in told


def test_an_overseas_home_is_not_sent_to_metropolitan_france_when_its_side_has_offers() -> None:
    cayenne = (4.9372, -52.3260)
    offers = [
        _offer("C", "0590198V", "Lycée A", "059", "Lille", (50.63, 3.06)),
        _offer("C", "9730235T", "Lycée G", "973"),
    ]
    found = nearest_offers(cayenne, offers)
    assert found.offer is None and found.departements == ("973",)
