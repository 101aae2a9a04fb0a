"""What a stored record must hold for every read of the API to serve it.

The read models (graph/views.py) require some properties (an actor's name and kind, a
diploma's name and type…); a record without them, or with a kind outside the closed lists,
makes every page that shows it fail. Edits are validated by their pydantic models
(graph/edits.py); seeds by theirs (graph/models.py); this module checks the records that come
from elsewhere — a backup being restored (graph/ingest/backup.py) — with the same rules, so that
``cmq restore`` can never store a state the API cannot serve.

Numbers: both engines store 64-bit integers and doubles, but FalkorDB answers doubles with 15
significant digits, so a value near the largest double comes back as infinity (which JSON cannot
carry); no property of the model needs more than :data:`MAX_ABS_FLOAT`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from graph.models import ActorKind, DiplomaType, PasserelleKind

__all__ = ["MAX_ABS_FLOAT", "node_problems", "relationship_problems", "number_problem"]

MAX_ABS_FLOAT = 1e15
_INT64 = (-(2**63), 2**63 - 1)

# label -> properties every read model of that label requires (non-empty strings).
_NODE_TEXT: dict[str, tuple[str, ...]] = {
    "Campus": ("name", "short_name", "industry", "source"),
    "Actor": ("name", "kind", "source"),
    "Site": ("name", "departement", "source"),
    "Diploma": ("name", "type", "source"),
    "Platform": ("name", "kind", "source"),
    "Passerelle": ("kind", "origin", "source"),
    "Sector": ("name",),
    "Change": ("at", "by", "action", "target", "source"),
    "Job": ("name", "source"),
}
_NODE_ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("Actor", "kind"): frozenset(k.value for k in ActorKind),
    ("Diploma", "type"): frozenset(t.value for t in DiplomaType),
    ("Passerelle", "kind"): frozenset(k.value for k in PasserelleKind),
}
_NODE_LISTS: dict[str, tuple[str, ...]] = {"Passerelle": ("from_codes", "to_codes")}
# relationship type -> required text properties (offers, partners and demand as read).
_REL_TEXT: dict[str, tuple[str, ...]] = {
    "OFFERS": ("status", "source"),
    "PARTNERS_WITH": ("kind", "source"),
    "HAS_DEMAND": ("period", "source"),
    "LEADS_TO": ("passerelle_id", "kind"),
}


def number_problem(value: Any) -> str | None:
    """Why a number (or a list of numbers) cannot be stored and read back, or None."""
    values = value if isinstance(value, list) else [value]
    for v in values:
        if isinstance(v, bool):
            continue
        if isinstance(v, int) and not _INT64[0] <= v <= _INT64[1]:
            return "integer outside 64 bits"
        if isinstance(v, float) and not (math.isfinite(v) and abs(v) <= MAX_ABS_FLOAT):
            return f"number not finite or beyond {MAX_ABS_FLOAT:g}"
    return None


def _text_problems(props: Mapping[str, Any], names: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for name in names:
        v = props.get(name)
        if not isinstance(v, str) or not v.strip():
            out.append((name, "required text, missing or empty"))
    return out


def _numbers(props: Mapping[str, Any]) -> list[tuple[str, str]]:
    out = []
    for name, v in props.items():
        why = number_problem(v)
        if why is not None:
            out.append((name, why))
    return out


def node_problems(label: str, props: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(property, why) for each rule a node's properties break; [] when the API can serve it."""
    out = _text_problems(props, _NODE_TEXT.get(label, ()))
    for (lab, name), allowed in _NODE_ENUMS.items():
        v = props.get(name)
        if lab == label and isinstance(v, str) and v not in allowed:
            out.append((name, f"unknown value {v!r} (graph.models)"))
    for name in _NODE_LISTS.get(label, ()):
        v = props.get(name)
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            out.append((name, "required list of codes"))
    for name in ("lat", "lon"):
        v = props.get(name)
        limit = 90 if name == "lat" else 180
        if isinstance(v, int | float) and not isinstance(v, bool) and not -limit <= v <= limit:
            out.append((name, f"must be between -{limit} and {limit}"))
    return out + _numbers(props)


def relationship_problems(rtype: str, props: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(property, why) for each rule a relationship's properties break."""
    out = _text_problems(props, _REL_TEXT.get(rtype, ()))
    if rtype == "HAS_DEMAND" and not isinstance(props.get("count"), int):
        out.append(("count", "required integer"))
    return out + _numbers(props)
