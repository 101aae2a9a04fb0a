"""The open-data importer: public French education files -> the graph (``cmq import opendata``).

Layering: one parser module per file family (:mod:`bcn`, :mod:`directories`, :mod:`activity`)
yields validated rows (:mod:`rows`) or raises :class:`graph.errors.SeedError` naming file, line
and column; :mod:`plan` combines them (pure, no database); :mod:`writer` turns the result into
named statements and applies them with one ``GraphStore.write_atomic`` call. See docs/import.md.
"""

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
