"""What a write touched: so that a cache of read results drops only that, not everything.

Every write bumps the graph's version (:meth:`graph.store.GraphStore.version`). An edit
(graph/edits.py) also says what it changed — the diplomas whose offers or legs changed, the
actors whose properties or offers changed, the passerelles created or deleted — by writing
inside :func:`touching`. Both engines keep a log of it (:class:`TouchLog`), written with the
version so that no reader sees one without the other: FalkorDB in the same Redis call as the
version's INCR, Neo4j in the write's own transaction (a ``GraphLog`` node updated first, read in
one transaction with the bookmark). Every process can then ask what changed between two
versions (:func:`touched_between`); the pathway cache keeps the rest (graph/pathways/data.py).

A write made outside :func:`touching` (an import, a seed load, a restore, a reset) records
nothing: between two versions one of which is unrecorded, the answer is None, meaning "anything
may have changed", and caches start empty. So does a store without a log.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = ["TouchLog", "Touched", "touched_between", "touching"]


@dataclass(frozen=True)
class Touched:
    """What one write (or several, merged) changed.

    ``diplomas``: codes whose offers or leaving legs changed (an offer created or deleted
    touches its diploma only); ``actors``: ids whose properties or existence changed (the
    offers of every diploma they offer are read again); ``passerelles``: ids created, changed
    or deleted (their legs go with them); ``links``: actor ids whose partnerships changed (no
    pathway reads them).
    """

    diplomas: frozenset[str] = field(default_factory=frozenset)
    actors: frozenset[str] = field(default_factory=frozenset)
    passerelles: frozenset[str] = field(default_factory=frozenset)
    links: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        *,
        diplomas: Iterable[str] = (),
        actors: Iterable[str] = (),
        passerelles: Iterable[str] = (),
        links: Iterable[str] = (),
    ) -> Touched:
        return cls(frozenset(diplomas), frozenset(actors), frozenset(passerelles), frozenset(links))

    def __or__(self, other: Touched) -> Touched:
        return Touched(
            self.diplomas | other.diplomas,
            self.actors | other.actors,
            self.passerelles | other.passerelles,
            self.links | other.links,
        )

    def to_json(self) -> str:
        """A stable text form, for the engines' logs.

        >>> Touched.of(diplomas=["B", "A"]).to_json()
        '{"actors": [], "diplomas": ["A", "B"], "links": [], "passerelles": []}'
        >>> Touched.from_json(Touched.of(actors=["x"]).to_json()) == Touched.of(actors=["x"])
        True
        """
        return json.dumps(
            {
                "actors": sorted(self.actors),
                "diplomas": sorted(self.diplomas),
                "links": sorted(self.links),
                "passerelles": sorted(self.passerelles),
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Touched:
        raw: dict[str, Any] = json.loads(text)
        return cls.of(
            diplomas=raw.get("diplomas", ()),
            actors=raw.get("actors", ()),
            passerelles=raw.get("passerelles", ()),
            links=raw.get("links", ()),
        )


@runtime_checkable
class TouchLog(Protocol):
    """A store that records what its writes touched, per version."""

    def touching(self, touched: Touched) -> AbstractContextManager[None]:
        """Writes of this thread inside the block record ``touched`` with their version."""
        ...

    def touched_between(self, old: str, new: str) -> Touched | None:
        """What the writes after version ``old`` up to ``new`` touched; None when one of them
        recorded nothing (or is no longer kept): anything may have changed."""
        ...


def touching(store: object, touched: Touched) -> AbstractContextManager[None]:
    """Say what the writes of the block touch, on a store that keeps a log (else nothing)."""
    if isinstance(store, TouchLog):
        return store.touching(touched)
    return nullcontext()


def touched_between(store: object, old: str | None, new: str | None) -> Touched | None:
    """What changed from version ``old`` to ``new``; None when unknown (no log, no version)."""
    if old is None or new is None or not isinstance(store, TouchLog):
        return None
    if old == new:
        return Touched()
    return store.touched_between(old, new)
