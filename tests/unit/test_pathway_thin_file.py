"""A latest activity file that barely lists a diploma does not make its offers stale
(graph/pathways/hygiene.py: thin_latest, usable_rows)."""

from __future__ import annotations

from typing import Any

from graph.pathways.hygiene import MIN_LISTED, ThinFile, usable_rows

BAC_PRO = {"code": "40033007", "type": "bac_pro"}
LATEST = {"lycee": 2022, "bts": 2024}


def rows(years: dict[int, int], **offer: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """``n`` establishments per last year seen, each with one open offer."""
    out = []
    for year, n in years.items():
        for i in range(n):
            out.append(({"id": f"{year}-{i}"}, {"status": "open", "year": year, **offer}))
    return out


def seen(got: list[tuple[Any, Any, int | None]]) -> dict[int, set[int | None]]:
    out: dict[int, set[int | None]] = {}
    for _, o, s in got:
        out.setdefault(o["year"], set()).add(s)
    return out


def test_offers_of_the_year_before_a_thin_latest_file_are_not_stale() -> None:
    # 2021 or later: 30 establishments; 2022: 5 (fewer than half)
    got = usable_rows(rows({2020: 4, 2021: 25, 2022: 5}), BAC_PRO, LATEST)
    assert seen(got) == {2020: {2020}, 2021: {None}, 2022: {None}}
    marks = {o["year"]: o.get("unlisted") for _, o, _ in got}
    assert marks[2021] == ThinFile(2022, 5, 2021, 30)
    assert marks[2020] is None and marks[2022] is None


def test_a_latest_file_listing_half_or_more_keeps_offers_stale() -> None:
    got = usable_rows(rows({2021: 15, 2022: 15}), BAC_PRO, LATEST)
    assert seen(got) == {2021: {2021}, 2022: {None}}
    assert all("unlisted" not in o for _, o, _ in got)


def test_a_small_diploma_is_not_judged_on_noise() -> None:
    got = usable_rows(rows({2021: MIN_LISTED - 2, 2022: 1}), BAC_PRO, LATEST)
    assert seen(got) == {2021: {2021}, 2022: {None}}


def test_a_thin_common_2nde_spares_the_offers_it_dates() -> None:
    """The Bac pro's own rows are not thin; its 2nde commune's latest file is."""
    thin = ThinFile(2022, 97, 2021, 489, common_year=True)
    pairs = rows({2021: 2, 2022: 20}) + rows({2021: 1}, common_year="40033005")
    got = usable_rows(pairs, BAC_PRO, LATEST, {"40033005": thin})
    by = [(o.get("common_year"), s, o.get("unlisted")) for _, o, s in got if o["year"] == 2021]
    assert sorted(by, key=str) == sorted(
        [(None, 2021, None), (None, 2021, None), ("40033005", None, thin)], key=str
    )
    # a 2nde thin in another year says nothing of an offer it dated 2021
    older = ThinFile(2022, 1, 2020, 40, common_year=True)
    got = usable_rows(pairs, BAC_PRO, LATEST, {"40033005": older})
    assert {s for _, o, s in got if o.get("common_year")} == {2021}


def test_closed_offers_stay_out_and_untracked_types_are_not_judged() -> None:
    pairs = rows({2021: 30, 2022: 2}) + [({"id": "x"}, {"status": "closed", "year": 2021})]
    assert len(usable_rows(pairs, BAC_PRO, LATEST)) == 32
    licence = {"code": "x", "type": "licence"}
    assert all(s is None and "unlisted" not in o for _, o, s in usable_rows(pairs, licence, LATEST))


def test_only_the_year_just_before_a_latest_file_that_lists_the_diploma_counts() -> None:
    """Absent from the latest file altogether, or listed before only by the 2020 constat
    (programmes Affelnet never lists): its offers stay stale."""
    absent = usable_rows(rows({2021: 30}), BAC_PRO, LATEST)
    assert seen(absent) == {2021: {2021}}
    constat = usable_rows(rows({2020: 30, 2022: 2}), BAC_PRO, LATEST)
    assert seen(constat) == {2020: {2020}, 2022: {None}}
