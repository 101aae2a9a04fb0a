"""Decode FalkorDB's compact replies straight into plain rows.

falkordb-py turns every value into its own objects (``QueryResult``, ``OrderedDict``) that the
store then copies into plain dicts; for the scalar, list and map results our queries return,
this module does it in one pass (about twice as fast on a 60 000-row read). Nodes, edges,
paths and temporal values are left to falkordb-py, which resolves label and property ids
through the graph's schema: :func:`plain_rows` answers None and the caller falls back.
"""

from __future__ import annotations

from typing import Any

from redis.exceptions import ResponseError

_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10


class _NotPlain(Exception):
    """A value that needs the schema-aware parser (node, edge, path, point, date...)."""


def _plain(value: list[Any]) -> Any:
    kind, payload = value[0], value[1]
    if kind == _STRING:
        return payload.decode() if isinstance(payload, bytes) else payload
    if kind == _INTEGER:
        return int(payload)
    if kind == _NULL:
        return None
    if kind == _DOUBLE:
        return float(payload)
    if kind == _ARRAY:
        return _array(payload)
    if kind == _MAP:  # key, value, key, value...: the keys are plain strings
        pairs = iter(payload)
        return {
            (k.decode() if k.__class__ is bytes else k): _plain(v)
            for k, v in zip(pairs, pairs, strict=True)
        }
    if kind == _BOOLEAN:
        return payload in ("true", b"true")
    raise _NotPlain


def _array(payload: list[Any]) -> list[Any]:
    """A list's items, the scalar ones decoded here rather than by a call of :func:`_plain`
    each (the rows of the pathway cache are lists of 12-14 scalars: a third of the decoding
    time was those calls)."""
    out: list[Any] = []
    append = out.append
    for item in payload:
        kind = item[0]
        if kind == _STRING:
            v = item[1]
            append(v if v.__class__ is str else v.decode())
        elif kind == _NULL:
            append(None)
        elif kind == _INTEGER:
            append(int(item[1]))
        elif kind == _DOUBLE:
            append(float(item[1]))
        else:
            append(_plain(item))
    return out


# where a table of shared values (_shared_array) keeps, by the bytes of the reply, the string
# or float already decoded from them: an equal value (a commune, a modality, a source, the same
# coordinates: most of the pathway cache's values) is then one lookup, neither decoded nor
# hashed again. Keys no value of the table equals (str, float and tuple keys only otherwise).
_BY_BYTES_STR, _BY_BYTES_FLOAT = object(), object()


def _shared_array(payload: list[Any], shared: dict[Any, Any], *, row: bool = False) -> list[Any]:
    """:func:`_array` with each string and float taken from ``shared`` (the first of equal
    values read stays, the others are dropped at once) and each list of scalars in it too
    (not the lists that are a ``row``'s columns: they are one per row); see
    :func:`graph.shared_values.share_rows`, which does the same to rows already decoded.
    Strings, floats and tuples never compare equal to one another, so one table holds them
    all (ints are not shared: ``1 == 1.0``)."""
    return _shared_items(payload, shared, *_by_bytes(shared), row)


def _by_bytes(shared: dict[Any, Any]) -> tuple[dict[Any, str], dict[Any, float]]:
    """The tables of ``shared`` by the bytes of the reply (strings, floats), made if need be."""
    strs = shared.get(_BY_BYTES_STR)
    if strs is None:
        strs = shared[_BY_BYTES_STR] = {}
        floats = shared[_BY_BYTES_FLOAT] = {}
    else:
        floats = shared[_BY_BYTES_FLOAT]
    return strs, floats


def _shared_items(
    payload: list[Any],
    shared: dict[Any, Any],
    strs: dict[Any, str],
    floats: dict[Any, float],
    row: bool,
) -> list[Any]:
    out: list[Any] = []
    append = out.append
    known = strs.get
    for kind, v in payload:
        if kind == _STRING:
            s = known(v)
            if s is None:  # new bytes: decoded, then the value equal to them shared
                s = v if v.__class__ is str else v.decode()
                s = strs[v] = shared.setdefault(s, s)
            append(s)
        elif kind == _NULL:
            append(None)
        elif kind == _INTEGER:
            append(v if v.__class__ is int else int(v))
        elif kind == _DOUBLE:
            f = floats.get(v)
            if f is None:
                f = float(v)
                f = floats[v] = shared.setdefault(f, f)
            append(f)
        elif kind == _ARRAY:
            inner = _shared_items(v, shared, strs, floats, False)
            if row:
                append(inner)
                continue
            try:
                append(shared.setdefault(tuple(inner), inner))
            except TypeError:  # a list of lists or maps: not shared
                append(inner)
        else:
            append(_plain([kind, v]))
    return out


def check_errors(response: list[Any]) -> None:
    """Raise the error a reply carries (before the result, or as its last element)."""
    if response and isinstance(response[0], ResponseError):
        raise response[0]
    if response and isinstance(response[-1], ResponseError):
        raise response[-1]


def plain_rows(
    response: list[Any], shared: dict[Any, Any] | None = None
) -> list[dict[str, Any]] | None:
    """The rows of a compact reply as dicts keyed by column name, or None if a value is not a
    scalar, list or map. A reply without a result set (a write without RETURN) gives [].
    ``shared``: equal strings, floats and lists of scalars decoded as one object each
    (:func:`graph.shared_values.share_rows`), through this table."""
    check_errors(response)
    if len(response) < 3:
        return []
    header = [h[1].decode() if isinstance(h[1], bytes) else h[1] for h in response[0]]
    try:
        if shared is None:
            return [dict(zip(header, map(_plain, row), strict=True)) for row in response[1]]
        # a row is a list of values: decoded as one array, then named; the tables by the
        # bytes looked up once per reply, not per row (85 000 rows in a national preload)
        strs, floats = _by_bytes(shared)
        return [
            dict(zip(header, _shared_items(r, shared, strs, floats, True), strict=True))
            for r in response[1]
        ]
    except _NotPlain:
        return None
