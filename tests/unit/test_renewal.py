"""Offers of a renovated diploma presumed from its closed predecessor's
(graph.ingest.opendata.renewal)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

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


# --- a Bac pro carried on by its common 2nde (current_by_common_year) ---------------------

# the BCN rows of the Rennes case (nFormationDiplome_.csv): ASSP's 2nde commune, its two closed
# options renovated as 40033007; the agricultural SAPAT 2nde and its Bac pro (renovated too)
BCN_NAMES = {
    "40033005": ("400", "ACCOMPAGNEMENT SOINS ET SERVICES A LA PERSONNE 2NDE COMMUNE (BAC PRO)"),
    "40033003": (
        "400",
        "ACCOMPAGNEMENT SOINS ET SERVICES A LA PERSONNE OPTION A - A DOMICILE (BAC PRO)",
    ),
    "40033004": (
        "400",
        "ACCOMPAGNEMENT SOINS ET SERVICES A LA PERSONNE OPTION B - EN STRUCTURE (BAC PRO)",
    ),
    "40033007": ("400", "ACCOMPAGNEMENT, SOINS ET SERVICES A LA PERSONNE (BAC PRO)"),
    "40033006": ("400", "ANIMATION - ENFANCE ET PERSONNES AGEES (BAC PRO)"),
    "40333001": ("403", "SERVICE AUX PERSONNES ET AUX TERRITOIRES (SEC PRO AG)"),
    "40333002": ("403", "SERVICES AUX PERSONNES ET AUX TERRITOIRES (BAC PRO AG)"),
    "50033002": ("500", "AGENT ACCOMPAGNANT AU GRAND AGE (CAP)"),
    "40020006": ("400", "METIERS DE LA CONSTRUCTION DURABLE 2NDE COMMUNE (BAC PRO)"),
    "40023102": ("400", "TRAVAUX PUBLICS (BAC PRO)"),
}
LINEAGE = {"40033003": ["40033007"], "40033004": ["40033007"]}
CLOSED = {"40033003", "40033004", "40033005"}


def test_a_common_2nde_begins_the_bac_pros_of_its_name_family_and_renovations() -> None:
    from graph.ingest.opendata.renewal import common_year_programmes

    begins = common_year_programmes(BCN_NAMES, {"40023102": "40020006"}, LINEAGE, CLOSED)
    assert begins == {
        "40033005": {"40033003", "40033004", "40033007"},
        "40333001": {"40333002"},
        "40020006": {"40023102"},
    }


def test_a_bac_pro_is_current_where_its_common_2nde_is_offered_later() -> None:
    from graph.ingest.opendata.renewal import common_year_programmes, current_by_common_year

    begins = common_year_programmes(BCN_NAMES, {}, LINEAGE, CLOSED)
    renewed = Offer(
        "0350048L", "40033007", "school", [YearFigures(2020, 30, sources=["constat_2020.csv"])]
    )
    renewed.renewed_from = ("40033003", "40033004")
    second = offer("0350048L", "40033005", (2021, 30), (2022, 30))
    elsewhere = offer("0350099X", "40033005", (2022, 24))  # no Bac pro offer there: nothing
    apprenticeship = offer("0350048L", "40033007", (2020, 12), modality="apprenticeship")
    out = current_by_common_year([renewed, second, elsewhere, apprenticeship], begins)
    carried = out[0]
    assert [(y.year, y.capacity, y.sources) for y in carried.years] == [
        (2020, 30, ["constat_2020.csv"]),
        (2022, None, ["f2022"]),  # the year, not the 2nde's places (shared in a family)
    ]
    assert carried.common_year == "40033005"
    assert carried.renewed_from == ("40033003", "40033004")
    assert out[1:] == [second, elsewhere, apprenticeship]  # other modality: not the 2nde's


def test_a_bac_pro_the_files_list_as_late_as_its_2nde_is_unchanged() -> None:
    from graph.ingest.opendata.renewal import common_year_programmes, current_by_common_year

    begins = common_year_programmes(BCN_NAMES, {}, LINEAGE, CLOSED)
    own = offer("0350048L", "40333002", (2022, 16))
    second = offer("0350048L", "40333001", (2021, 16), (2022, 16))
    assert current_by_common_year([own, second], begins) == [own, second]


def _carried_reference(offers: list[Offer], begins: dict[str, set[str]]) -> list[Offer]:
    """current_by_common_year as first written: every 2nde offer's last year per Bac pro, in
    the offers' order (a later year wins, the first on a tie)."""
    from dataclasses import replace

    latest: dict[tuple[str, str, str], tuple[int, str, list[str]]] = {}
    for o in offers:
        for code in begins.get(o.code, ()):
            key = (o.uai, code, o.modality)
            seen = latest.get(key)
            if seen is None or o.years[-1].year > seen[0]:
                latest[key] = (o.years[-1].year, o.code, o.years[-1].sources)
    out = []
    for o in offers:
        seen = latest.get((o.uai, o.code, o.modality))
        if seen is None or seen[0] <= o.years[-1].year:
            out.append(o)
        else:
            years = [*o.years, YearFigures(seen[0], sources=list(seen[2]))]
            out.append(replace(o, years=years, common_year=seen[1]))
    return out


_OFFERS = st.lists(
    st.tuples(
        st.sampled_from(["U1", "U2"]),
        st.sampled_from(["C1", "C2", "P1", "P2", "P3"]),
        st.sampled_from(["school", "apprenticeship"]),
        st.lists(st.integers(2019, 2024), min_size=1, max_size=3, unique=True).map(sorted),
    ),
    max_size=14,
)


_TWO_2NDES = {"C1": {"P1", "P2"}, "C2": {"P2", "P3"}}


@given(_OFFERS, st.sampled_from([_TWO_2NDES, {"C1": {"P1"}}, {}]))
@example(  # two 2ndes beginning P2 there, their last year the same: the first one's
    [
        ("U1", "P2", "school", [2020]),
        ("U1", "C2", "school", [2022]),
        ("U1", "C1", "school", [2022]),
    ],
    _TWO_2NDES,
)
def test_any_offers_are_carried_on_as_first_written(
    rows: list[tuple[str, str, str, list[int]]], begins: dict[str, set[str]]
) -> None:
    """Whatever repeats (the same offer twice, two 2ndes beginning one Bac pro, equal years)."""
    from graph.ingest.opendata.renewal import current_by_common_year

    def made() -> list[Offer]:
        return [
            Offer(u, c, m, [YearFigures(y, sources=[f"{c}{y}{i}"]) for y in ys])
            for i, (u, c, m, ys) in enumerate(rows)
        ]

    assert current_by_common_year(made(), begins) == _carried_reference(made(), begins)


def test_a_bts_option_is_current_where_its_common_first_year_is_offered_later() -> None:
    """optionsBTS.csv: the BTS SIO « 1re année » 32032612 begins options A and B; the 2020
    constat lists option A (renewed from 32032610) at Avranches, Parcoursup 2024 the first
    year only: option A is prepared there in 2024, said through its common year."""
    from graph.ingest.opendata.renewal import bts_option_programmes, current_by_common_year

    begins = bts_option_programmes(
        {"32032612": ["32032613", "32032614"], "32033606": ["32033603"]},
        {},
        {"32033606"},  # a closed common year carries nothing
    )
    assert begins == {"32032612": {"32032613", "32032614"}}
    renewed = Offer(
        "0501565E", "32032613", "school", [YearFigures(2020, 15, sources=["constat_2020.csv"])]
    )
    renewed.renewed_from = ("32032610",)
    first = offer("0501565E", "32032612", (2024, 15))
    other = offer("0500099X", "32032614", (2020, 12))  # no first year there: unchanged
    out = current_by_common_year([renewed, first, other], begins)
    assert [y.year for y in out[0].years] == [2020, 2024]
    assert out[0].common_year == "32032612"
    assert out[0].renewed_from == ("32032610",)
    assert out[1:] == [first, other]
