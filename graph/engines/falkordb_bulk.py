"""FalkorDB's binary bulk format (``GRAPH.BULK``) for nodes and relationships, from Python values.

``GRAPH.BULK key [BEGIN] node_count edge_count label_count reltype_count TOKEN…`` creates nodes
and relationships without Cypher: no query to parse, no pattern to match, no ``SET`` to run per
row. Without ``BEGIN`` it adds to an existing graph, relationships naming their end nodes by
internal id (the format of the falkordb-bulk-loader package, which writes it from CSV files).
A relationship token is the type and the property names, then per relationship its start and
end ids (unsigned 64-bit) and one typed value per property::

    type\\0  uint32 n  name_1\\0 … name_n\\0  (uint64 start  uint64 end  value_1 … value_n)*

A node token is the same without the ids (``label\\0  uint32 n  names…  (values)*``). The
server creates what it is given: a node whose key another node has is created too (no
uniqueness constraint is checked), so the caller sends only nodes it has checked are new;
the nodes created are in the label's indexes and constraints afterwards (tests/integration/
test_import_bulk.py).

A value is a type byte and its bytes: 0 null (the property is not set, as ``SET o.p = null``),
1 bool, 2 double, 3 string (UTF-8, NUL-terminated), 4 int64, 5 array (int64 length, then the
typed values). Everything is little-endian, unaligned.

The import writes its ~63 000 offers this way on FalkorDB (server CPU ~0.15 s instead of
~0.8 s for the ``UNWIND … CREATE … SET`` of the same relationships; docs/performance.md).
Relationships share many values (an offer's place is its establishment's, its years and
sources its span's): the caller passes them as *segments*, tuples of values that the same
Python object stands for on every relationship sharing it, encoded once each.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable, Sequence
from typing import Any

from graph.errors import InvalidQuery

__all__ = [
    "encode_segments",
    "encode_value",
    "encode_values",
    "node_header",
    "relationship_header",
    "relationships_token",
]

_NULL = b"\x00"
_TRUE = struct.pack("<B?", 1, True)
_FALSE = struct.pack("<B?", 1, False)
_DOUBLE = struct.Struct("<Bd").pack
_LONG = struct.Struct("<Bq").pack
_ENDS = struct.Struct("<QQ").pack
_INT64 = (-(2**63), 2**63 - 1)


def encode_value(v: Any) -> bytes:
    """One property value; what Cypher could not store raises :class:`InvalidQuery` (as the
    same value passed as a query parameter would): a NUL in a string (the format ends strings
    with one), a float that is not finite, an int beyond 64 bits, a map or a nested list."""
    t = type(v)
    if t is str:
        text: str = v
        if "\x00" in text:
            raise InvalidQuery("a property value contains a NUL character")
        return b"\x03" + text.encode("utf-8") + _NULL
    if v is None:
        return _NULL
    if t is bool:
        return _TRUE if v else _FALSE
    if t is int:
        if not _INT64[0] <= v <= _INT64[1]:
            raise InvalidQuery("an integer property value does not fit in 64 bits")
        return _LONG(4, v)
    if t is float:
        if not math.isfinite(v):
            raise InvalidQuery("a float property value is not finite")
        return _DOUBLE(2, v)
    if t is list or t is tuple:
        if any(type(x) in (list, tuple, dict) for x in v):
            raise InvalidQuery("a list property value holds a list or a map")
        return _LONG(5, len(v)) + b"".join([encode_value(x) for x in v])
    raise InvalidQuery(f"a property value of type {t.__name__} cannot be stored")


def relationship_header(rel_type: str, props: Sequence[str]) -> bytes:
    """The token's head: the relationship type and its property names."""
    names = [rel_type, *props]
    if any("\x00" in n for n in names):
        raise InvalidQuery("a relationship type or property name contains a NUL character")
    return (
        rel_type.encode()
        + _NULL
        + struct.pack("<I", len(props))
        + b"".join(p.encode() + _NULL for p in props)
    )


def node_header(label: str, props: Sequence[str]) -> bytes:
    """A node token's head: the label and the property names (then each node's values, in
    that order, with nothing else: a node token is the header followed by the nodes)."""
    return relationship_header(label, props)


def encode_values(values: Iterable[Any]) -> bytes:
    """Values in a row (a node's, in its header's order), as :func:`encode_value` each: the
    import's ~700 000 node values are mostly strings and nulls, then lists, booleans, floats
    and integers. Every value whose bytes are ASCII (a string's type byte and terminator around
    its text, a null, a boolean, a list of fewer than 128 strings, an integer from 0 to 127) is
    written as text and a run of them UTF-8-encoded at once, not value by value; a float, any
    other integer or list, and any value to refuse end the run and go as :func:`encode_value`
    writes them."""
    out: list[bytes] = []
    run: list[str] = []
    add = run.append
    for v in values:
        t = type(v)
        if t is str:
            if "\x00" in v:
                raise InvalidQuery("a property value contains a NUL character")
            add(f"\x03{v}\x00")
        elif v is None:
            add("\x00")
        elif t is bool:
            add(_S_TRUE if v else _S_FALSE)
        elif (t is list or t is tuple) and len(v) < _ASCII:
            head = len(run)
            add(_S_COUNT[len(v)])
            for x in v:
                if type(x) is str and "\x00" not in x:
                    add(f"\x03{x}\x00")
                else:  # another item, or one to refuse: the whole list as _array writes it
                    del run[head:]
                    if run:
                        out.append("".join(run).encode("utf-8"))
                        run.clear()
                    out.append(_array(v))
                    break
        elif t is int and 0 <= v < _ASCII:
            add(_S_SMALL[v])
        else:
            if run:
                out.append("".join(run).encode("utf-8"))
                run.clear()
            out.append(_DOUBLE(2, v) if t is float and _isfinite(v) else encode_value(v))
    if not out:
        return "".join(run).encode("utf-8")
    if run:
        out.append("".join(run).encode("utf-8"))
    return b"".join(out)


# encode_values' text forms of the values whose bytes are ASCII (each byte below 128)
_ASCII = 128
_S_TRUE, _S_FALSE = _TRUE.decode("ascii"), _FALSE.decode("ascii")
_S_COUNT = tuple(_LONG(5, n).decode("ascii") for n in range(_ASCII))  # a list's head
_S_SMALL = tuple(_LONG(4, n).decode("ascii") for n in range(_ASCII))
_isfinite = math.isfinite


_EMPTY = _LONG(5, 0)


def _array(v: list[Any] | tuple[Any, ...]) -> bytes:
    """A list value as :func:`encode_value` writes it, its strings without a call each."""
    out = [_LONG(5, len(v))]
    for x in v:
        t = type(x)
        if t is str:
            if "\x00" in x:
                raise InvalidQuery("a property value contains a NUL character")
            out.append(b"\x03" + x.encode("utf-8") + _NULL)
        elif t is list or t is tuple or t is dict:
            raise InvalidQuery("a list property value holds a list or a map")
        else:
            out.append(encode_value(x))
    return b"".join(out)


def encode_segments(
    segments: Iterable[tuple[Any, ...] | list[Any]],
    cache: dict[int, tuple[tuple[Any, ...], bytes]],
) -> bytes:
    """The values of one relationship, given as segments (tuples of values, in the header's
    order once concatenated); a segment already encoded (the same object) is not encoded
    again. ``cache`` holds each segment with its bytes, so that no id it is keyed by can be
    reused by another object while the cache lives. A segment given as a list holds values of
    this relationship alone: it is encoded, not remembered."""
    out = []
    for seg in segments:
        if isinstance(seg, list):
            out.append(encode_values(seg))
            continue
        hit = cache.get(id(seg))
        if hit is None:
            hit = cache[id(seg)] = (seg, encode_values(seg))
        out.append(hit[1])
    return b"".join(out)


def relationships_token(header: bytes, ends: Iterable[tuple[int, int, bytes]]) -> bytes:
    """The whole token: ``header``, then each relationship's start and end ids and its
    encoded values."""
    parts = [header]
    for s, e, values in ends:
        parts.append(_ENDS(s, e))
        parts.append(values)
    return b"".join(parts)
