"""The commune an establishment's name gives when only its position is known
(graph/ingest/opendata/named_commune.py), and « près de » when it gives none."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph import communes as communes_ref
from graph.communes import Commune, search_key
from graph.ingest.opendata.named_commune import (
    MAX_WORDS,
    NAMED_KM,
    commune_in_name,
    key_lengths,
    search_keys,
)
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


def test_names_folded_together_give_the_keys_of_each_name() -> None:
    """search_keys folds every name in one pass: each key is search_key's (accents, case,
    ligatures, separators, « Saint »; marks at a name's start; compatibility forms)."""
    names = [
        "Saint-Éloi-de-Fourques", "Œuilly", "L'Haÿ-les-Roses", "Sainte  Marie", "ﬁlle\u00a0d'Été",
        "\u0301Ame", "Straße", "Saints-Geosmes", "", "  x  ", "Lʼhay", "A\u0301\u0327", "a]b\\c^",
        "Æ-Saintes.", "Metz",
    ]  # fmt: skip
    assert search_keys(names) == [search_key(n) for n in names]
    assert search_keys(["a\x00b", "c"]) == [search_key("a\x00b"), "c"]  # NUL: name by name


# names made of the words and separators that matter: « saint » and its forms (alone, inside
# a word, at a name's ends), marks, ligatures, spaces of every kind, apostrophes, hyphens
_PIECES = st.sampled_from(
    ["saint", "Sainte", "SAINTS", "saintes", "st", "Saint\u0301", "saintété", "xsaint", "toussaint",
     "é", "œ", "a", "Metz", " ", "  ", "\u00a0", "\t", "-", "'", "’", ".", ",", "/", "_", "\u2003",
     "\u0301", "ﬁ", "ß", "\x1c", "\n"]
)  # fmt: skip


@given(st.lists(st.lists(_PIECES, max_size=8).map("".join), max_size=12))
def test_any_names_fold_together_as_each_alone(names: list[str]) -> None:
    assert search_keys(names) == [search_key(n) for n in names]


def test_the_commune_reference_s_names_fold_as_each_alone() -> None:
    try:
        index = communes_ref.reference()
    except communes_ref.ReferenceMissing:
        pytest.skip("the commune reference is not built (make communes)")
    names = [c.name for c in index.communes.values()]
    assert search_keys(names) == [search_key(n) for n in names]


class _EveryWord(dict[str, int]):
    """Every word may start a key of MAX_WORDS words: every word sequence is looked up."""

    def get(self, key: str, default: object = None) -> int:
        return MAX_WORDS


def test_only_words_that_start_a_key_are_looked_up_and_the_answer_is_the_same() -> None:
    lengths = key_lengths(ALL)
    assert lengths == {"metz": 1, "peltre": 1, "le": 4, "ste": 2, "bitche": 1}
    names = [
        "ENIM Metz", "IUT de Metz", "Lycée Paul Augier", "Lycée Sainte-Marie", "IUT de Bitche",
        "Lycée de Metz Peltre", "Campus Le Ban Saint Martin de Metz", "Site de Le Ban-St-Martin",
    ]  # fmt: skip
    for name in names:
        for nearest in (PELTRE, BAN, None):
            every = commune_in_name(name, *ENIM, nearest, ALL, _EveryWord())
            assert commune_in_name(name, *ENIM, nearest, ALL, lengths) == every
            assert commune_in_name(name, *ENIM, nearest, ALL) == every
