"""The commune an establishment's name gives when only its position is known
(graph/ingest/opendata/named_commune.py), and « près de » when it gives none."""

from __future__ import annotations

from graph.communes import Commune, search_key
from graph.ingest.opendata.named_commune import NAMED_KM, commune_in_name
from graph.pathways.explanation import place
from graph.pathways.scoring import Offer


def commune(
    code: str, name: str, pop: int, lat: float, lon: float, parent: str | None = None
) -> Commune:
    return Commune(code, name, "commune", parent, (), "57", "Moselle", "44", "Grand Est", pop, lat,
                   lon, "mairie")  # fmt: skip


METZ = commune("57463", "Metz", 122_572, 49.11972, 6.17626)
PELTRE = commune("57534", "Peltre", 1_790, 49.07436, 6.22244)
BAN = commune("57049", "Le Ban-Saint-Martin", 4_300, 49.1217, 6.1497)
MARIE = commune("57999", "Sainte-Marie", 300, 49.08, 6.20)
FAR = commune("57100", "Bitche", 5_000, 49.05, 7.43)
ENIM = (49.0926, 6.22677)


def keys(*communes: Commune) -> dict[str, list[Commune]]:
    out: dict[str, list[Commune]] = {}
    for c in communes:
        out.setdefault(search_key(c.name), []).append(c)
    return out


ALL = keys(METZ, PELTRE, BAN, MARIE, FAR)


def test_the_city_the_name_gives_replaces_a_small_nearest_neighbour() -> None:
    assert commune_in_name("ENIM Metz", *ENIM, PELTRE, ALL) == METZ
    assert commune_in_name("IUT de Metz", 49.12, 6.155, BAN, ALL) == METZ
    assert commune_in_name("I.U.T. Metz (57)", *ENIM, None, ALL) == METZ


def test_no_commune_from_the_name_when_it_names_none_near_or_less_than_the_nearest() -> None:
    assert commune_in_name("Lycée Paul Augier", *ENIM, PELTRE, ALL) is None
    assert commune_in_name("IUT de Bitche", *ENIM, PELTRE, ALL) is None  # > NAMED_KM away
    assert NAMED_KM < 60
    # a saint's name that is also a village nearby is no city the name gives
    assert commune_in_name("Lycée Sainte-Marie", *ENIM, PELTRE, ALL) is None
    # the nearest named too stays; a municipal arrondissement of the named city says more
    assert commune_in_name("Lycée de Metz Peltre", *ENIM, PELTRE, ALL) == PELTRE
    arr = commune("57463-1", "Metz 1er", 10_000, 49.09, 6.22, parent=METZ.code)
    assert commune_in_name("ENIM Metz", *ENIM, arr, ALL) is None
    # academies, universities « Paris X » and lycées agricoles name no place
    assert commune_in_name("INSPÉ de l'académie de Metz", *ENIM, PELTRE, ALL) is None
    assert commune_in_name("Lycée agricole de Metz", *ENIM, PELTRE, ALL) is None


def test_a_commune_found_by_coordinates_only_is_said_near() -> None:
    row = {"commune": "Saint-Laurent-du-Var", "departement": "006", "commune_from": "coordinates"}
    actor = {"id": "a", "name": "Lycée Paul Augier", "kind": "lycee"}
    assert place(Offer("B", actor, row, True)) == "Lycée Paul Augier (près de Saint-Laurent-du-Var)"
    bouscat = {**row, "commune": "Le Bouscat", "departement": "033"}
    assert place(Offer("B", actor, bouscat, True)) == "Lycée Paul Augier (près du Bouscat)"
    agen = {**row, "commune": "Agen", "departement": "047"}
    assert place(Offer("B", actor, agen, True)) == "Lycée Paul Augier (près d'Agen)"
    named = {**row, "commune": "Metz", "commune_from": "name"}
    assert place(Offer("B", {**actor, "name": "ENIM Metz"}, named, True)) == "ENIM Metz (Metz)"
    # within 1 km of the nearest centre: in that commune (graph/place_precision.py)
    livet = {**row, "commune": "Nantes", "departement": "044", "commune_from": "centre"}
    assert place(Offer("B", {**actor, "name": "LGT Livet"}, livet, True)) == "LGT Livet (Nantes)"
