"""Offers of a renovated diploma presumed from its closed predecessor's
(graph.ingest.opendata.renewal)."""

from __future__ import annotations

from graph.ingest.opendata.plan import Offer, YearFigures
from graph.ingest.opendata.renewal import open_successors, renewed_offers


def offer(uai: str, code: str, *years: tuple[int, int | None], modality: str = "school") -> Offer:
    return Offer(
        uai, code, modality, [YearFigures(y, capacity=c, sources=[f"f{y}"]) for y, c in years]
    )


def test_a_closed_diploma_s_offers_go_on_under_its_renovation() -> None:
    old = offer("0330001A", "OLD", (2021, 24), (2022, 30))
    (new,) = renewed_offers([old], {"OLD": ["NEW"]}, {"OLD"})
    assert (new.uai, new.code, new.modality, new.renewed_from) == (
        "0330001A",
        "NEW",
        "school",
        ("OLD",),
    )
    assert [(y.year, y.capacity, y.sources) for y in new.years] == [
        (2021, 24, ["f2021"]),
        (2022, 30, ["f2022"]),
    ]


def test_an_offer_the_files_give_for_the_new_code_wins() -> None:
    offers = [offer("0330001A", "OLD", (2022, 24)), offer("0330001A", "NEW", (2024, 12))]
    assert renewed_offers(offers, {"OLD": ["NEW"]}, {"OLD"}) == []
    by_apprenticeship = offer("0330001A", "OLD", (2022, 8), modality="apprenticeship")
    (new,) = renewed_offers([*offers, by_apprenticeship], {"OLD": ["NEW"]}, {"OLD"})
    assert new.modality == "apprenticeship"  # another modality is another offer


def test_options_merged_into_one_diploma_add_their_places() -> None:
    offers = [
        offer("0330001A", "OPT_A", (2022, 12)),
        offer("0330001A", "OPT_B", (2022, 15)),
        offer("0330001A", "OPT_C", (2022, None)),
    ]
    succ = {"OPT_A": ["CIEL"], "OPT_B": ["CIEL"], "OPT_C": ["CIEL"]}
    (new,) = renewed_offers(offers, succ, {"OPT_A", "OPT_B", "OPT_C"})
    assert new.renewed_from == ("OPT_A", "OPT_B", "OPT_C")
    assert [(y.year, y.capacity) for y in new.years] == [(2022, 27)]


def test_open_diplomas_and_diplomas_without_an_open_successor_give_nothing() -> None:
    offers = [offer("0330001A", "OPEN", (2022, 10)), offer("0330001A", "GONE", (2022, 10))]
    assert (
        renewed_offers(offers, {"OPEN": ["X"], "GONE": ["ALSO_GONE"]}, {"GONE", "ALSO_GONE"}) == []
    )


def test_renovations_chain() -> None:
    assert open_successors("A", {"A": ["B"], "B": ["C"]}, {"A", "B"}) == ["C"]
    assert open_successors("A", {"A": ["B"], "B": ["A"]}, {"A", "B"}) == []  # a loop ends
    far = {"A": ["B"], "B": ["C"], "C": ["D"], "D": ["E"]}
    assert open_successors("A", far, {"A", "B", "C", "D"}) == []  # beyond three renovations


def test_a_diploma_split_into_many_presumes_nothing() -> None:
    """DN MADE (one code) became 14 mentions: which one a school goes on with is unknown."""
    old = offer("0330001A", "DN", (2022, 15))
    mentions = [f"M{i:02d}" for i in range(14)]
    assert renewed_offers([old], {"DN": mentions}, {"DN"}) == []
    (a, b) = renewed_offers([old], {"DN": mentions[:2]}, {"DN"})
    assert (a.code, b.code) == ("M00", "M01")
