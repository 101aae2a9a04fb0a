"""Cells for CSV files opened in spreadsheets: text is never read as a formula.

A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some with a
tab or a carriage return) as a formula: an actor named ``=HYPERLINK("http://…")`` would run in
the file a manager downloads (OWASP "CSV injection"). Such text gets a leading apostrophe, which
spreadsheets show as text and do not display. Numbers are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` as a CSV cell that no spreadsheet evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(v) for v in values]
