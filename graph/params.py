"""Parameter checks shared by both engines.

The FalkorDB client inlines parameters into the query text, so only JSON-like values survive:
dates travel as ISO strings, NaN / inf / bytes are refused. Neo4j would accept more, but both
engines get the same check so that nothing passes on one and breaks on the other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from graph.errors import InvalidQuery

__all__ = ["check_param", "split_params"]


def check_param(value: Any, path: str = "$") -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidQuery(f"parameter {path} is not a finite number")
        return value
    if isinstance(value, list | tuple):
        return [check_param(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, Mapping):
        return {str(k): check_param(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, datetime | date):
        raise InvalidQuery(f"parameter {path}: pass dates as ISO strings")
    raise InvalidQuery(f"parameter {path} has unsupported type {type(value).__name__}")


def split_params(params: Mapping[str, Any]) -> tuple[int | None, dict[str, Any]]:
    """Separate the reserved ``max_hops`` (a query-text bound, see graph.cypher) from the
    parameters, and check the latter."""
    rest = dict(params)
    max_hops = rest.pop("max_hops", None)
    return max_hops, check_param(rest)
