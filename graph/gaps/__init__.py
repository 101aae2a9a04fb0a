"""Missing links for campus and cluster managers: one report, six sections.

Each finding names the nodes involved, says in one French sentence why it matters, and cites
the data behind it. The way of a request through the package::

    request.py   GapRequest (fields, checked) --build_report--> the territory resolved, then
    report.py    gap_report: kept per graph version (cache.py), else computed (in a
                 forked child on FalkorDB, forked.py: the worker keeps none of its memory)
    data.py        read_gap_data: every read of the store, before any section
    continuum.py, dead_ends.py, demand.py, isolated.py, partnerships.py, brokers.py:
                   one pure function per section over those rows (findings.py: the vocabulary)
    report.py      compute_report: the sections shaped into a GapReport
    csv_out.py     report_csv: one section as CSV, in French

The network analytics (link prediction, centrality, bridges) are the pure functions of
graph.analytics.link_analysis.
"""

from graph.gaps.csv_out import report_csv
from graph.gaps.data import read_gap_data
from graph.gaps.findings import SECTIONS, Finding, GapReport, NodeRef, Section
from graph.gaps.report import compute_report, gap_report
from graph.gaps.request import GapCsvRequest, GapRequest, SectionId, build_report
from graph.gaps.rows import GapData

__all__ = [
    "SECTIONS",
    "Finding",
    "GapCsvRequest",
    "GapData",
    "GapReport",
    "GapRequest",
    "NodeRef",
    "Section",
    "SectionId",
    "build_report",
    "compute_report",
    "gap_report",
    "read_gap_data",
    "report_csv",
]
