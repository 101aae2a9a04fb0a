"""A file's rows judged by columns: each distinct cell text once, the rows by C loops.

The activity files are 123 000 rows nationally, nearly all of them good. Their parsers
(:mod:`activity`) read a file whole (:meth:`csvfile.Table.whole`), judge each column's
distinct texts once, build the good rows with ``map`` and ``zip``, and send only the others
(a duplicate, a row out of the départements, an invalid code…) through the row-by-row checks,
in line order, for the same rows and the same report. Whatever would stop the import (a value
that is no count, an unknown status…) raises :class:`Unusual`: the file is then read again
row by row, which stops at the same line with the same error and the same report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from itertools import compress
from pathlib import Path
from typing import TypeVar

from graph.errors import SeedError
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.values import integer

__all__ = ["Deferred", "Unusual", "count", "counts", "duplicates", "indices", "mapped"]

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class Unusual(Exception):
    """The file holds something only the row-by-row reading judges right."""


def mapped(column: Sequence[_K], judge: Callable[[_K], _V]) -> tuple[list[_V], dict[_K, _V]]:
    """``judge`` of each cell, computed once per distinct text; and those judgements."""
    seen = {v: judge(v) for v in set(column)}
    return list(map(seen.__getitem__, column)), seen


def indices(flags: Sequence[object]) -> list[int]:
    """The positions of the true flags."""
    return list(compress(range(len(flags)), flags))


def count(value: str) -> int | None:
    if value.isdigit() and value.isascii():
        return int(value)
    if not value:
        return None
    try:
        return integer(value, Path(), 0, "")
    except SeedError:
        raise Unusual from None


def counts(column: Sequence[str]) -> tuple[list[int | None], dict[str, int | None]]:
    """A count column read as :func:`values.integer` reads each cell (a cell it refuses:
    :class:`Unusual`), and each distinct text's count."""
    return mapped(column, count)


def duplicates(rows: Sequence[Sequence[str]] | Sequence[str]) -> list[int]:
    """The positions of the rows equal to an earlier one, ascending (``rows``: their fields,
    or texts equal when their fields are)."""
    whole: list[Hashable] = (
        list(rows) if rows and isinstance(rows[0], str) else list(map(tuple, rows))
    )
    times = Counter(whole)
    if len(times) == len(whole):
        return []
    repeated = {row for row, n in times.items() if n > 1}
    seen: set[Hashable] = set()
    out = []
    for i in compress(range(len(whole)), map(repeated.__contains__, whole)):
        row = whole[i]
        if row in seen:
            out.append(i)
        else:
            seen.add(row)
    return out


class Deferred:
    """What the rows sent through the row-by-row checks do to a file's report, recorded and
    done to it (:meth:`apply`) once the whole file is known to read without error."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.filtered = 0
        self.skips: list[tuple[str, int]] = []
        self.rejects: list[tuple[int, str, str | None, object]] = []
        self.notes: list[str] = []

    def skip(self, reason: str, line: int) -> None:
        self.skips.append((reason, line))

    def reject(self, line: int, reason: str, column: str | None, value: object) -> None:
        self.rejects.append((line, reason, column, value))

    def apply(self, report: FileReport, rows_read: int) -> None:
        report.rows_read += rows_read
        report.filtered += self.filtered
        for reason, line in self.skips:
            report.skip(reason, line)
        for line, reason, column, value in self.rejects:
            report.reject(line, reason, column, value)
        report.notes.extend(self.notes)
