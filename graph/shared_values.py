"""One object for equal values of rows that are kept long (the pathway cache).

The same commune, département, source, modality or status string, the same coordinates, the
same list of scope départements are repeated over thousands of cached rows; keeping one copy
of each is most of what the cache weighs (issue 18: 272 MB per worker before). Kept rows are
never changed in place (:func:`graph.pathways.scope.leg_at` and the offers' merge copy), so
sharing is safe.

One table holds every shared value: strings, floats and tuples (the keys of lists of scalars)
never compare equal to one another. Ints are not shared (``1 == 1.0 == True``). FalkorDB's
reply decoder does the same while decoding (``graph.engines.falkordb_reply.plain_rows`` with a
table); :func:`share_rows` does it to rows another engine decoded.
"""

from __future__ import annotations

from typing import Any

Table = dict[Any, Any]


def share_list(values: list[Any], table: Table) -> list[Any]:
    """A copy of ``values`` whose strings and floats, and lists of scalars, come from
    ``table`` (added to it when new)."""
    keep = table.setdefault
    out: list[Any] = []
    append = out.append
    for v in values:
        cls = v.__class__
        if cls is str or cls is float:
            append(keep(v, v))
        elif cls is list:
            inner = share_list(v, table)
            try:
                append(keep(tuple(inner), inner))
            except TypeError:  # a list of lists or maps: not shared
                append(inner)
        else:
            append(v)
    return out


def share_rows(rows: list[dict[str, Any]], table: Table) -> list[dict[str, Any]]:
    """``rows`` with their string and float columns, and the items of their list columns,
    taken from ``table`` (each row changed in place; a list column is replaced by a copy)."""
    keep = table.setdefault
    for r in rows:
        for k, v in r.items():
            cls = v.__class__
            if cls is str or cls is float:
                r[k] = keep(v, v)
            elif cls is list:
                r[k] = share_list(v, table)
    return rows


class KeySharedRows:
    """Dicts of one fixed list of keys that share one table of keys, as the attribute dicts
    of a class's instances do (CPython's key-sharing dictionaries, PEP 412): each row then
    holds its values only, half the memory of a dict of its own (232 against 464 bytes for
    the pathway cache's 20 offer fields: 60 000 offers at national size, ~14 MB less).

    They are plain dicts (``get``, ``[]``, ``**``, ``dict(...)``, iteration in the fields'
    order, equality) and read as fast. A row changed in place, or given a key that is not a
    field, becomes an ordinary dict: still correct, only as large as before. Elsewhere than
    on CPython (or on a version that shares no keys) they are ordinary dicts."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.fields = fields
        # a class of its own: the keys its instances' dicts share are these fields, added
        # once in their order by a first instance
        self._cls = type("KeySharedRow", (), {"__module__": __name__})
        first = self._cls()
        for f in fields:
            setattr(first, f, None)
        # a copy of a dict that shares its keys shares them too (CPython's dict.copy of a
        # split table): a third faster than the __dict__ of a new instance
        self._template: dict[str, Any] = first.__dict__
        # row_of(): the fields of a head of n values and of its tail, by n
        self._split: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def row(self, values: list[Any]) -> dict[str, Any]:
        """A dict of ``fields`` to ``values`` (as many of each)."""
        out = self._template.copy()
        out.update(zip(self.fields, values, strict=True))
        return out

    def row_of(self, head: list[Any], tail: list[Any] | None) -> dict[str, Any]:
        """:meth:`row` of ``head`` then ``tail`` (as many as ``fields`` in all), or of ``head``
        with every other field None when ``tail`` is None (left as the template has them)."""
        out = self._template.copy()
        split = self._split.get(len(head))
        if split is None:
            n = len(head)
            split = self._split[n] = (self.fields[:n], self.fields[n:])
        out.update(zip(split[0], head, strict=True))
        if tail is None:
            return out
        out.update(zip(split[1], tail, strict=True))
        return out

    def holds(self, row: Any) -> bool:
        """Whether ``row`` is a dict of ``fields`` alone, in their order, as :meth:`row` and
        :meth:`row_of` make them (:meth:`rows` makes it again, equal and key-sharing)."""
        return row.__class__ is dict and len(row) == len(self.fields) and tuple(row) == self.fields

    def rows(self, values: list[Any], count: int) -> list[dict[str, Any]]:
        """``count`` rows of ``values``, taken ``len(fields)`` at a time: :meth:`row` of each
        run of values, without the lists of each (a pathway cache's snapshot,
        graph/pathways/snapshot.py)."""
        if len(values) != count * len(self.fields):
            raise ValueError(f"{len(values)} values for {count} rows of {len(self.fields)}")
        fields = self.fields
        copy = self._template.copy
        taken = iter(values)
        out: list[dict[str, Any]] = []
        append = out.append
        for _ in range(count):
            row = copy()
            # zip takes a field first: it stops after the last field, taking no further value
            row.update(zip(fields, taken, strict=False))
            append(row)
        return out
