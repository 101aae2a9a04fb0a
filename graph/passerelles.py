"""The stored shape of a documented passerelle: one implementation for the seed loader and the
editor (``POST /edits/passerelles``), which used to write it twice.

:func:`documented_props` gives the ``Passerelle`` node's properties and :func:`documented_leg`
those of each of its ``LEADS_TO`` relationships; the callers add only what is theirs (the seed
scope, the edit's stamps). Inferred passerelles have theirs in :mod:`graph.inference.records`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from graph.models import Modality, PasserelleKind

__all__ = ["Documented", "documented_leg", "documented_props"]


class Documented(Protocol):
    """A documented passerelle as a seed file or an edit gives it."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> PasserelleKind: ...
    @property
    def from_(self) -> Sequence[str]: ...
    @property
    def to(self) -> Sequence[str]: ...
    @property
    def rate(self) -> float | None: ...
    @property
    def entrant_share(self) -> float | None: ...
    @property
    def reserved_share(self) -> float | None: ...
    @property
    def conditions(self) -> str | None: ...
    @property
    def modality(self) -> Modality | None: ...
    @property
    def parties(self) -> Sequence[str]: ...
    @property
    def description(self) -> str | None: ...
    @property
    def source(self) -> str: ...


def _figures(p: Documented) -> dict[str, Any]:
    """What the node and its legs both carry (the pathway search reads them on the leg)."""
    return {
        "kind": p.kind.value,
        "rate": p.rate,
        "entrant_share": p.entrant_share,
        "reserved_share": p.reserved_share,
        "modality": p.modality.value if p.modality else None,
    }


def documented_props(p: Documented, campus: str | None) -> dict[str, Any]:
    return {
        **_figures(p),
        "origin": "documented",
        "campus": campus,
        "conditions": p.conditions,
        "description": p.description,
        "from_codes": list(p.from_),
        "to_codes": list(p.to),
        "parties": list(p.parties),
        "source": p.source,
    }


def documented_leg(p: Documented, campus: str | None) -> dict[str, Any]:
    return {
        **_figures(p),
        "passerelle_id": p.id,
        "passerelle_origin": "documented",
        "campus": campus,
    }
