"""The open-data importer: public French education files -> the graph (``cmq import opendata``).

Layering: one parser module per file family (:mod:`bcn`, :mod:`directories`, :mod:`activity`)
yields validated rows (:mod:`rows`) or raises :class:`graph.errors.SeedError` naming file, line
and column; :mod:`plan` combines them (pure, no database); :mod:`writer` turns the result into
named statements and applies them with one ``GraphStore.write_atomic`` call. See docs/import.md.

The names below are imported when first asked for: the API reads a few small modules of this
package (:mod:`about`, :mod:`credits`), and importing the whole importer with them cost each
API worker ~10 MB for code it never runs (docs/performance.md, « Memory »).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.ingest.opendata.plan import ImportData, departement_prefixes, parse_directory
    from graph.ingest.opendata.report import ImportSummary
    from graph.ingest.opendata.writer import build_statements, read_state, run_import

__all__ = [
    "ImportData",
    "ImportSummary",
    "build_statements",
    "departement_prefixes",
    "parse_directory",
    "read_state",
    "run_import",
]

_WHERE = {
    "ImportData": "plan",
    "departement_prefixes": "plan",
    "parse_directory": "plan",
    "ImportSummary": "report",
    "build_statements": "writer",
    "read_state": "writer",
    "run_import": "writer",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:  # a submodule is imported by the import system, as usual
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
