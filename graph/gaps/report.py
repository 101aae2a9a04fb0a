"""The gap report: read (data.py), compute each section (pure), shape the report.

:func:`compute_report` is a pure function of the rows read; :func:`gap_report` reads them once,
before any section, and keeps the report for the graph's version (cache.py).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable

from graph.errors import InvalidRequest
from graph.gaps.brokers import brokers_and_fragile_links
from graph.gaps.cache import cached_answer
from graph.gaps.choices import sector_label
from graph.gaps.continuum import continuum_breaks
from graph.gaps.data import read_gap_data
from graph.gaps.dead_ends import dead_ends
from graph.gaps.demand import unmet_demand
from graph.gaps.findings import SECTIONS, Finding, GapReport, Section
from graph.gaps.foreign import basis_refusal
from graph.gaps.forked import can_fork, in_child
from graph.gaps.isolated import isolated_actors
from graph.gaps.notes import section_notes
from graph.gaps.partnerships import suggested_partnerships
from graph.gaps.rows import GapData
from graph.gc_pause import gc_paused
from graph.memory import release_free_memory
from graph.sector_suggestions import unknown_sector
from graph.store import GraphStore
from graph.territory import Territory

__all__ = ["compute_report", "gap_report"]

TOTAL_CAP = 500  # suggested partnerships are ranked among at most this many


def compute_report(
    d: GapData, territory: Territory, sector: str | None = None, *, limit: int = 10
) -> GapReport:
    """The six sections of the report, each ranked (what matters first) and cut to ``limit``
    findings (10 by default: what a manager reads first), with its total."""
    campus = territory.campus
    sector_name = sector_label(d.sectors, sector)
    builders: dict[str, Callable[[], list[Finding]]] = {
        "continuum_breaks": lambda: continuum_breaks(d, sector=sector, sector_name=sector_name),
        "dead_ends": lambda: dead_ends(d),
        "unmet_demand": lambda: unmet_demand(d, campus=campus, sector=sector),
        "isolated_actors": lambda: isolated_actors(d, campus=campus),
        # counted up to TOTAL_CAP so that the total says how many there are, then cut
        "suggested_partnerships": lambda: suggested_partnerships(
            d, limit=max(limit, TOTAL_CAP), sector=sector
        ),
        "brokers": lambda: brokers_and_fragile_links(d),
    }
    found = {sid: build() for sid, build in builders.items()}
    notes = section_notes(d, found, campus=campus, sector=sector, cap=max(limit, TOTAL_CAP))
    sections = []
    for sid, findings in found.items():
        title, description = SECTIONS[sid]
        sections.append(
            Section(
                id=sid,
                title=title,
                description=description,
                total=len(findings),
                findings=findings[:limit],
                note=notes.get(sid),
            )
        )
    return GapReport(
        territory=territory.describe(),
        sector=sector,
        sector_name=sector_name,
        counts={s.id: s.total for s in sections},
        sections=sections,
    )


def gap_report(
    store: GraphStore,
    territory: Territory,
    sector: str | None = None,
    *,
    limit: int = 10,
    cached: bool = True,
) -> GapReport:
    """The gap report of a territory; kept for the graph's version (graph/gaps/cache.py)
    unless ``cached`` is False. The report returned may be shared: do not modify it.

    Kept (the API's), it is computed in a forked child when the store allows it
    (graph/gaps/forked.py): the worker then keeps none of the report's working memory."""

    def compute(release: bool = True) -> GapReport:
        # The rows and the sections' sets, dicts and graphs are ~a million acyclic objects at
        # national size: left on, the cyclic collector walked them over and over while they
        # were made (~20 % of a campus's report, docs/performance.md, reads16); whatever
        # cycles are made meanwhile are collected when the pause ends (release_free_memory).
        # In a forked child (``release`` False), which exits next, the collector is simply
        # turned off: gc_paused's lock may have been held by a thread the fork did not copy.
        if not release:
            gc.disable()
        with gc_paused() if release else contextlib.nullcontext():
            d = read_gap_data(store, territory, sector)
            if sector and sector_label(d.sectors, sector) is None:
                # a filière the graph does not know (nor a field of training graph/nsf.py
                # names): a clear 404, not a report of nothing
                raise unknown_sector(store, sector)
            if d.basis is not None and (why := basis_refusal(d.basis)):
                # another campus's filière that no public link ties to any diploma
                raise InvalidRequest(why)
            report = compute_report(d, territory, sector, limit=limit)
            # The rows read and the sections' work (tens of MB at national size) are freed at
            # once; without giving the allocator's free pages back, a worker that computed
            # three reports stayed ~8 MB larger for good (docs/performance.md, ``rss9``).
            del d
        if release:  # (not in a child that exits next: a collection for nothing)
            release_free_memory()
        return report

    def compute_forked() -> GapReport:
        # networkx imported here first (~5 MB, once): each child would import it again
        import networkx  # noqa: F401

        before = getattr(store, "forked_child", None)
        report = in_child(lambda: compute(release=False), before=before)
        return compute() if report is None else report

    if not cached:
        return compute()
    key = ("gaps", territory.model_dump_json(), sector, limit)
    return cached_answer(store, key, compute_forked if can_fork(store) else compute)
