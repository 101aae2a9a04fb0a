"""Parameter checks shared by both engines.

The FalkorDB client inlines parameters into the query text, so only JSON-like values survive:
dates travel as ISO strings, NaN / inf / bytes are refused. Neo4j would accept more, but both
engines get the same check so that nothing passes on one and breaks on the other.

Strings are part of the query text on FalkorDB: the client escapes quotes and backslashes (a
test round-trips hostile strings), but the server cuts the query at a NUL character and the
socket cannot carry a lone surrogate, so both are refused here, in values and in map keys (which
the client also refuses when empty or holding a backtick). Integers outside 64 bits would be
silently clamped by FalkorDB: refused too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from graph.errors import InvalidQuery

__all__ = ["check_param", "split_params"]


_INT64 = (-(2**63), 2**63 - 1)


def _check_text(text: str, path: str) -> str:
    if "\x00" in text:
        raise InvalidQuery(f"parameter {path} contains a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidQuery(f"parameter {path} is not valid Unicode (lone surrogate)") from None
    return text


def _check_key(key: Any, path: str) -> str:
    text: str = _check_text(str(key), path)
    if not text or "`" in text:
        raise InvalidQuery(f"parameter {path}: map keys are non-empty and hold no backtick")
    return text


def check_param(value: Any, path: str = "$") -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise InvalidQuery(f"parameter {path} does not fit in 64 bits")
        return value
    if isinstance(value, str):
        return _check_text(value, path)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidQuery(f"parameter {path} is not a finite number")
        return value
    if isinstance(value, list | tuple):
        return [check_param(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, Mapping):
        return {
            _check_key(k, f"{path}.{k!r}"): check_param(v, f"{path}.{k}") for k, v in value.items()
        }
    if isinstance(value, datetime | date):
        raise InvalidQuery(f"parameter {path}: pass dates as ISO strings")
    raise InvalidQuery(f"parameter {path} has unsupported type {type(value).__name__}")


def split_params(params: Mapping[str, Any]) -> tuple[int | None, dict[str, Any]]:
    """Separate the reserved ``max_hops`` (a query-text bound, see graph.cypher) from the
    parameters, and check the latter."""
    rest = dict(params)
    max_hops = rest.pop("max_hops", None)
    return max_hops, check_param(rest)
