"""Read one public CSV file exactly as published: encoding, separator, BOM, CRLF, quoting.

Every problem that makes a file unreadable raises :class:`graph.errors.SeedError` naming the
file, the line and, where there is one, the column: bytes invalid in the file's encoding, a
header missing a required column, a row with another number of fields than the header (a
truncated or shifted file). Nothing is guessed; the parsers decide what a bad *value* means.

Code columns are text. :func:`code` undoes the two ways spreadsheets damage them: a float
rendering (``12202.0``) and lost leading zeros (``1202`` for an INSEE code of 5 characters).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

from graph.errors import SeedError

__all__ = ["CsvSpec", "Table", "Whole", "code", "read_table"]

_FLOAT_CODE = re.compile(r"^(\d+)\.0+$")


@dataclass(frozen=True)
class CsvSpec:
    """How a file family is published. ``required`` columns must all be in the header."""

    encoding: str  # "utf-8-sig" also reads files without a BOM; "cp1252"; "latin-1"
    delimiter: str = ";"
    required: tuple[str, ...] = ()


@dataclass
class Table:
    """A decoded file: its header and an iterator over (line number, fields)."""

    path: Path
    header: list[str]
    index: dict[str, int]
    rows: Iterator[tuple[int, list[str]]]
    blank_lines: list[int] = field(default_factory=list)
    reader: Any = None  # the csv reader ``rows`` iterates over
    stream: Any = None  # the text it reads
    delimiter: str = ";"

    def col(self, name: str) -> int:
        return self.index[name]

    def opt(self, name: str) -> int | None:
        return self.index.get(name)

    def whole(self) -> Whole | None:
        """Every row at once, when each row is one line of the header's width: no blank line,
        no field spanning lines, nothing unreadable. ``None`` otherwise, and the file must be
        opened again to be read row by row (``rows``), which says what is wrong where."""
        width = len(self.header)
        if self.reader is None or width < 2:  # one column: a blank line is a row of one field
            return None
        first = self.reader.line_num + 1
        try:
            text = self.stream.read()
        except UnicodeDecodeError:
            return None
        if '"' in text or ("\r" in text and text.count("\r") != text.count("\r\n")):
            # quoted fields, or lines ended by a lone CR: the csv module reads them
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)
            try:
                rows = list(reader)
            except csv.Error:
                return None
            if reader.line_num != len(rows):
                return None
            lines = None
        else:
            # without a quote, a line's fields are its text between separators (the csv
            # module's reading, a few times faster), and equal lines are equal rows
            lines = (text.replace("\r\n", "\n") if "\r" in text else text).split("\n")
            if lines[-1] == "":
                lines.pop()
            if lines and max(map(len, lines)) > csv.field_size_limit():
                return None
            rows = list(map(str.split, lines, repeat(self.delimiter)))
        if rows and set(map(len, rows)) != {width}:
            return None
        return Whole(first, rows, lines)


class Whole(NamedTuple):
    """A file's rows read at once (:meth:`Table.whole`)."""

    first: int  # the line of the first row: row ``i`` is on line ``first + i``
    rows: list[list[str]]
    lines: list[str] | None  # each row's text, when its fields are that text split


def _decode(path: Path, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.end].hex(" ")
        raise SeedError(
            path, f"line {line}", None, f"bytes {bad} are not valid {encoding} text"
        ) from exc


def read_table(path: Path, spec: CsvSpec) -> Table:
    """Open ``path`` and check its header; rows are decoded and checked as they are iterated
    (a national directory is 40 MB: it is never held decoded in memory as a whole)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SeedError(path, "file", None, f"cannot read: {exc}") from exc
    if (nul := raw.find(b"\x00")) >= 0:  # a NUL would cut a FalkorDB query: damaged, not text
        line = raw[:nul].count(b"\n") + 1
        raise SeedError(path, f"line {line}", None, "NUL byte in the file (damaged or binary)")
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding=spec.encoding, newline="")
    # Not strict: the BCN writes quotes inside unquoted fields (A REMPLACE LES MC "X" ...).
    reader = csv.reader(stream, delimiter=spec.delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise SeedError(path, "line 1", None, "empty file (no header)") from None
    except UnicodeDecodeError:
        _decode(path, raw, spec.encoding)  # raises with the exact line
        raise
    except csv.Error as exc:
        raise SeedError(path, "line 1", None, f"unreadable header: {exc}") from exc
    header = [h.strip() for h in header]
    if header:
        header[0] = header[0].lstrip("\ufeff")  # a BOM in a file published without one
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(name, i)
    missing = [c for c in spec.required if c not in index]
    if missing:
        sep = "comma" if spec.delimiter == "," else f"'{spec.delimiter}'"
        raise SeedError(
            path,
            "line 1 (header)",
            missing[0],
            f"missing column(s) {', '.join(repr(m) for m in missing)}; is the file complete, "
            f"{spec.encoding}-encoded and {sep}-separated?",
        )
    table = Table(path, header, index, iter(()), reader=reader, stream=stream)
    table.delimiter = spec.delimiter
    table.rows = _rows(path, raw, spec.encoding, reader, len(header), table.blank_lines)
    return table


def _rows(
    path: Path, raw: bytes, encoding: str, reader: Any, width: int, blank: list[int]
) -> Iterator[tuple[int, list[str]]]:
    try:
        for row in reader:
            if len(row) <= 1 and (not row or not row[0].strip()):
                blank.append(reader.line_num)
                continue
            if len(row) != width:
                raise SeedError(
                    path,
                    f"line {reader.line_num}",
                    None,
                    f"{len(row)} fields where the header has {width} (truncated or shifted row)",
                )
            yield reader.line_num, row
    except UnicodeDecodeError:
        _decode(path, raw, encoding)  # raises with the exact line
        raise
    except csv.Error as exc:
        raise SeedError(path, f"line {reader.line_num}", None, f"malformed CSV: {exc}") from exc


def code(value: str, width: int | None = None) -> str:
    """A code column as text: trimmed, ``12202.0`` -> ``12202``, zero-padded to ``width``."""
    v = value.strip()
    if "." in v and (m := _FLOAT_CODE.match(v)):
        v = m.group(1)
    if width and len(v) < width and v.isdigit():
        v = v.zfill(width)
    return v.upper()
