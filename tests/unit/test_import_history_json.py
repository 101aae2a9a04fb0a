"""An offer's history_json, written directly by the import (issue 18), is the text json.dumps
gives for the same years: integers or null, any source text (quotes, backslashes, accents,
control characters, non-BMP characters)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.ingest.opendata.entry import CommonEntry
from graph.ingest.opendata.plan import Offer, YearFigures
from graph.ingest.opendata.writer import history_json

COUNT = st.none() | st.integers(min_value=0, max_value=1_000_000)
SOURCE = st.text(st.characters(min_codepoint=1, max_codepoint=0x10FFFF, categories=None))
YEAR = st.builds(
    YearFigures,
    year=st.integers(min_value=1900, max_value=2100),
    capacity=COUNT,
    demand=COUNT,
    pupils=COUNT,
    sources=st.lists(SOURCE | st.sampled_from(['a"b', "c\\d", "é ; ü", "\n\t"]), max_size=3),
    entry_year=st.none() | st.integers(min_value=2, max_value=3),
    common=st.none()
    | st.builds(
        CommonEntry,
        code=st.just("40020008"),
        family=st.none() | SOURCE,
        capacity=COUNT,
        demand=COUNT,
    ),
)


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(years=st.lists(YEAR, min_size=1, max_size=4))
def test_history_json_is_json_dumps_of_the_years(years: list[YearFigures]) -> None:
    offer = Offer("0460010W", "40025107", "school", years)
    expected = json.dumps([y.to_dict() for y in years], ensure_ascii=False, separators=(",", ":"))
    texts: dict[str, str] = {}
    assert history_json(offer, texts) == expected
    assert history_json(offer, texts) == expected  # the remembered source texts too
    assert json.loads(expected) == [y.to_dict() for y in years]
