"""The imported files listing offers at each level, over the whole graph, once per graph
version (the rules that read them: :mod:`graph.gaps.level_coverage`).
"""

from __future__ import annotations

from collections import defaultdict

from graph.gaps.cache import cached_answer
from graph.gaps.level_coverage import sources_of
from graph.store import GraphStore

__all__ = ["level_sources"]


def level_sources(store: GraphStore) -> dict[int, frozenset[str]]:
    """Per level, the titles of the imported files listing an offer at it (kept per graph
    version: one read of every offer)."""

    def compute() -> dict[int, frozenset[str]]:
        out: dict[int, set[str]] = defaultdict(set)
        for r in store.read("gaps_level_sources"):
            out[int(r["level"])] |= sources_of(r)
        return {lv: frozenset(s) for lv, s in out.items()}

    return cached_answer(store, ("gaps_level_sources",), compute)
