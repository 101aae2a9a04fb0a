"""Checked parameters as FalkorDB's ``CYPHER name=value …`` query header, in one pass.

FalkorDB takes parameters as text in front of the query. falkordb-py writes that header
(``Graph._build_params_header``) and :func:`graph.params.check_param` checks the values first;
together they walk every value twice, through several Python calls each, which was a second
or more of a national import (800 000 values). :func:`params_header` writes the very same
text (a property test compares it with falkordb-py's, value for value) and checks what
``check_param`` checks, at the cost of one type test per value:

- NUL characters and lone surrogates are searched once in the whole header (``in`` and an
  UTF-8 encode, both in C), not in each string;
- integers outside 64 bits, NaN and infinities are tested where they occur;
- map keys must be non-empty and hold no backtick.

Anything it refuses, and any value of another type than ``str``, ``int``, ``float``, ``bool``,
``None``, ``list``, ``tuple`` and ``dict``, goes the slow way: ``check_param`` (whose error
names the parameter and the position) then falkordb-py's own serialiser.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from falkordb.helpers import stringify_param_value

from graph.errors import InvalidQuery
from graph.params import check_param

__all__ = ["params_header"]

_MIN, _MAX = -(2**63), 2**63 - 1


class _Slow(Exception):
    """A value the fast path does not write: check and serialise it the slow way."""


def _key(k: Any) -> str:
    if type(k) is not str or not k or "`" in k:
        raise _Slow
    return k


def _value(v: Any) -> str:
    t = type(v)
    if t is str:
        if "\\" in v or '"' in v:
            v = v.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{v}"'
    if t is int:
        if not _MIN <= v <= _MAX:
            raise _Slow
        return str(v)
    if v is None:
        return "null"
    if t is dict:
        return "{" + ",".join([f"`{_key(k)}`:{_value(x)}" for k, x in v.items()]) + "}"
    if t is list or t is tuple:
        return "[" + ",".join([_value(x) for x in v]) + "]"
    if t is bool:
        return str(v)
    if t is float:
        if not math.isfinite(v):
            raise _Slow
        return str(v)
    raise _Slow


def _slow(params: Mapping[str, Any]) -> str:
    safe = check_param(dict(params))  # raises InvalidQuery naming the parameter
    return "CYPHER " + "".join(f"`{k}`={stringify_param_value(v)} " for k, v in safe.items())


def params_header(params: Mapping[str, Any]) -> str:
    """``CYPHER `a`=1 `b`="x" `` for ``{"a": 1, "b": "x"}`` (empty parameters: ``CYPHER ``),
    exactly as falkordb-py writes it; raises :class:`InvalidQuery` on what ``check_param``
    refuses."""
    try:
        header = "CYPHER " + "".join([f"`{_key(k)}`={_value(v)} " for k, v in params.items()])
        if "\x00" in header:
            raise _Slow
        header.encode("utf-8")  # a lone surrogate cannot be sent
    except (_Slow, UnicodeEncodeError):
        header = _slow(params)
        if "\x00" in header:  # check_param lets nothing of the kind through: never reached
            raise InvalidQuery("parameter text contains a NUL character") from None
    return header
