"""import26: the same bytes and the same closings for less CPU — node values encoded for
GRAPH.BULK a run of ASCII-byte values at a time, nMef's entry closings of both course years in
one read (graph/engines/falkordb_bulk.py, graph/ingest/opendata/bcn.py)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from graph.engines import falkordb_bulk
from graph.engines.falkordb_bulk import encode_value, encode_values
from graph.errors import InvalidQuery
from graph.ingest.opendata import bcn, csvfile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_plain_node_values_are_written_without_a_call_each(monkeypatch) -> None:
    """Strings, nulls, booleans, small integers and lists of strings: no call of encode_value
    (main called it for every boolean and float); the bytes of encode_value all the same."""
    row = ["Lycée", None, True, False, 0, 127, ["a", "é"], (), "x", 43.6, 2024, -1, [1, "b"]]
    expected = b"".join(encode_value(v) for v in row)
    plain = b"".join(encode_value(v) for v in row[:9])
    calls: list[object] = []
    real = falkordb_bulk.encode_value

    def counted(v: object) -> bytes:
        calls.append(v)
        return real(v)

    monkeypatch.setattr(falkordb_bulk, "encode_value", counted)
    assert encode_values(row[:9]) == plain
    assert calls == []
    assert encode_values(row) == expected
    assert calls == [2024, -1, 1]  # beyond 0-127, a list of other items: as encode_value


def test_the_runs_keep_every_byte_in_place() -> None:
    assert encode_values(["é", 128, "b"]) == (
        b"\x03\xc3\xa9\x00" + b"\x04" + struct.pack("<q", 128) + b"\x03b\x00"
    )
    assert encode_values([["x"] * 127]) == b"\x05" + struct.pack("<q", 127) + b"\x03x\x00" * 127
    assert encode_values([["x"] * 128]) == b"\x05" + struct.pack("<q", 128) + b"\x03x\x00" * 128
    assert encode_values([]) == b""


@pytest.mark.parametrize(
    "row",
    [
        ["ok", "a\x00b"],
        ["ok", ["a", "b\x00"]],
        ["ok", ["a", ["b"]]],
        [None, float("nan")],
        [True, float("inf")],
        ["é", 2**63],
        [{"a": 1}],
        [b"x"],
    ],
)
def test_what_cypher_could_not_store_is_refused_in_a_row(row: list[object]) -> None:
    with pytest.raises(InvalidQuery):
        encode_values(row)


@pytest.mark.parametrize("fixture", ["opendata", "opendata_fixes25"])
def test_entry_closings_of_both_years_in_one_read(fixture: str, monkeypatch) -> None:
    """The same closings as one call per course year (the same order too), nMef read once."""
    path = FIXTURES / fixture / "nMef.csv"
    one_by_one = [bcn.entry_closings(path, year) for year in (1, 2)]
    reads: list[Path] = []
    real = csvfile.read_table

    def counted(p: Path, spec: csvfile.CsvSpec) -> csvfile.Table:
        reads.append(p)
        return real(p, spec)

    monkeypatch.setattr(bcn, "read_table", counted)
    both = bcn.entry_closings_by_year(path, (1, 2))
    assert both == one_by_one and [list(d) for d in both] == [list(d) for d in one_by_one]
    assert reads == [path]
    assert both[0] and both[1]
