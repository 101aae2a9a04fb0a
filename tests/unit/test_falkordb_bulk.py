"""FalkorDB's binary bulk format, value by value (graph/engines/falkordb_bulk.py); the graph it
writes is compared with Cypher's in tests/integration/test_import_bulk.py."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.engines.falkordb_bulk import (
    encode_segments,
    encode_value,
    encode_values,
    node_header,
    relationship_header,
    relationships_token,
)
from graph.errors import InvalidQuery


def test_values_are_typed_little_endian() -> None:
    assert encode_value(None) == b"\x00"
    assert encode_value(True) == b"\x01\x01" and encode_value(False) == b"\x01\x00"
    assert encode_value(0.1) == b"\x02" + struct.pack("<d", 0.1)
    assert encode_value("é") == b"\x03\xc3\xa9\x00"
    assert encode_value(-2) == b"\x04" + struct.pack("<q", -2)
    assert encode_value([2024, "a"]) == (
        b"\x05" + struct.pack("<q", 2) + b"\x04" + struct.pack("<q", 2024) + b"\x03a\x00"
    )
    assert encode_value(()) == b"\x05" + struct.pack("<q", 0)


@pytest.mark.parametrize(
    "value",
    ["a\x00b", float("nan"), float("inf"), 2**63, [[1]], [{"a": 1}], {"a": 1}, b"x"],
)
def test_what_cypher_could_not_store_is_refused(value: object) -> None:
    with pytest.raises(InvalidQuery):
        encode_value(value)


def test_header_and_token() -> None:
    header = relationship_header("OFFERS", ("a", "bc"))
    assert header == b"OFFERS\x00" + struct.pack("<I", 2) + b"a\x00bc\x00"
    token = relationships_token(header, [(3, 7, b"\x00\x00")])
    assert token == header + struct.pack("<QQ", 3, 7) + b"\x00\x00"
    with pytest.raises(InvalidQuery):
        relationship_header("OFF\x00ERS", ())


def test_a_shared_segment_is_encoded_once_and_gives_the_same_bytes() -> None:
    shared = ("import", 2024)
    cache: dict = {}
    one = encode_segments((shared, (1,)), cache)
    two = encode_segments((shared, (None,)), cache)
    assert one == encode_value("import") + encode_value(2024) + encode_value(1)
    assert two == encode_value("import") + encode_value(2024) + b"\x00"
    assert cache[id(shared)][0] is shared  # kept alive: its id cannot be reused meanwhile


def test_a_list_segment_is_encoded_and_not_remembered() -> None:
    cache: dict = {}
    own = [1, None, "x"]
    assert encode_segments((own,), cache) == encode_value(1) + b"\x00" + encode_value("x")
    assert cache == {}
    own[0] = 2  # a list's values are its relationship's: read again each time
    assert encode_segments((own,), cache).startswith(encode_value(2))


def test_a_node_token_is_the_header_then_the_values() -> None:
    header = node_header("Site", ("insee", "lat"))
    assert header == b"Site\x00" + struct.pack("<I", 2) + b"insee\x00lat\x00"
    assert encode_values(("12089", None)) == encode_value("12089") + b"\x00"
    with pytest.raises(InvalidQuery):
        node_header("Si\x00te", ())
    with pytest.raises(InvalidQuery):
        encode_values(("ok", float("nan")))


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(),
    st.text(max_size=6),
    st.binary(max_size=2),
)
_VALUES = st.one_of(
    _SCALARS,
    st.lists(st.one_of(_SCALARS, st.lists(st.integers(), max_size=1)), max_size=4),
    st.tuples(_SCALARS, _SCALARS),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)


# the values import26 encodes by runs: plain-ASCII text, small integers, long lists of text
_ASCII_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-300, max_value=300),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(),
    st.text(max_size=20),
)
_ASCII_VALUES = st.one_of(
    _ASCII_SCALARS,
    st.lists(st.text(max_size=5), max_size=140),
    st.lists(st.one_of(st.text(max_size=3), st.integers(), st.none()), max_size=5),
    st.tuples(st.text(max_size=3), st.text(max_size=3)),
)


def _one_by_one(values: list[object]) -> bytes | type[InvalidQuery]:
    try:
        return b"".join(encode_value(v) for v in values)
    except InvalidQuery:
        return InvalidQuery


@settings(max_examples=3000, deadline=None)
@given(values=st.one_of(st.lists(_VALUES, max_size=6), st.lists(_ASCII_VALUES, max_size=12)))
def test_a_row_is_its_values_encoded_one_by_one(values: list[object]) -> None:
    """encode_values writes strings, nulls, integers and lists without a call each: the same
    bytes as encode_value value by value, and the same refusals."""
    expected = _one_by_one(values)
    if expected is InvalidQuery:
        with pytest.raises(InvalidQuery):
            encode_values(values)
    else:
        assert encode_values(values) == expected
