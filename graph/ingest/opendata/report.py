"""What an import read, skipped (with reasons and lines), wrote, and how well it covers the UAIs.

A :class:`FileReport` per file counts rows read and used; each skipped row is counted under a
reason, and the first lines of each reason are kept so that the summary can point at them
(``constat_2020.csv: 2 exact duplicate rows, e.g. line 415``).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from graph.ingest.opendata.reason_words import reason_fr

EXAMPLES = 3
# the reason of the filtered rows that have none of their own (FileReport.filtered_by_departement)
OUTSIDE_DEPARTEMENTS = "outside the chosen départements"
REJECTED_SHOWN = 12  # line numbers of one rejection reason printed in the summary


@dataclass(frozen=True)
class Rejection:
    """A row left out because one of its values is unusable (the row, not the file, is bad)."""

    line: int
    reason: str
    column: str | None
    value: str


@dataclass
class FileReport:
    """What one file gave. *Skipped* rows are expected (duplicates, out of scope…); *rejected*
    rows carry an unusable identifier, no name, or a place abroad (see :mod:`rows`)."""

    name: str
    family: str
    rows_read: int = 0
    rows_used: int = 0
    # rows the import does not need, as intended (not an error): outside --departements, or
    # under a reason of ``left_out`` (nMef's course years no activity file names…)
    filtered: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    left_out_examples: dict[str, list[int]] = field(default_factory=dict)
    # a value of a kept row that the import could not use (a lineage code the BCN lacks):
    # not a row, so not in the table's columns
    values_ignored: Counter[str] = field(default_factory=Counter)
    values_lines: dict[str, list[int]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[int]] = field(default_factory=dict)
    skipped_lines: dict[str, list[int]] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    strict: bool = False  # --strict: a rejected row stops the import instead

    def skip(self, reason: str, line: int) -> None:
        self.skipped[reason] += 1
        self.skipped_lines.setdefault(reason, []).append(line)
        lines = self.examples.setdefault(reason, [])
        if len(lines) < EXAMPLES:
            lines.append(line)

    def reject(self, line: int, reason: str, column: str | None, value: object) -> None:
        self.rejected.append(Rejection(line, reason, column, "" if value is None else str(value)))

    def leave_out(self, reason: str, line: int) -> None:
        """A row the import does not need (counted as filtered, under ``reason``)."""
        self.filtered += 1
        self.left_out[reason] += 1
        lines = self.left_out_examples.setdefault(reason, [])
        if len(lines) < EXAMPLES:
            lines.append(line)

    def ignore_value(self, reason: str, line: int) -> None:
        """A value of a kept row that could not be used (the row stays counted as kept)."""
        self.values_ignored[reason] += 1
        self.values_lines.setdefault(reason, []).append(line)

    @property
    def filtered_by_departement(self) -> int:
        """The filtered rows without a reason of their own: outside --departements."""
        return self.filtered - sum(self.left_out.values())

    @property
    def unaccounted(self) -> int:
        """Rows read that are neither kept, filtered, skipped nor rejected (0: the table adds
        up)."""
        return (
            self.rows_read
            - self.rows_used
            - self.filtered
            - sum(self.skipped.values())
            - len(self.rejected)
        )

    def rejected_by_reason(self) -> dict[str, list[Rejection]]:
        out: dict[str, list[Rejection]] = {}
        for r in self.rejected:
            out.setdefault(r.reason, []).append(r)
        return dict(sorted(out.items()))

    @property
    def rejected_share(self) -> float:
        return len(self.rejected) / self.rows_read if self.rows_read else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "family": self.family,
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "rows_filtered": self.filtered,
            "filtered_by_departement": self.filtered_by_departement,
            "filtered": {
                reason: {"rows": n, "lines": self.left_out_examples.get(reason, [])}
                for reason, n in sorted(self.left_out.items())
            },
            "values_ignored": {
                reason: {"values": n, "lines": self.values_lines.get(reason, [])[:EXAMPLES]}
                for reason, n in sorted(self.values_ignored.items())
            },
            "skipped": {
                reason: {"rows": n, "lines": self.examples.get(reason, [])}
                for reason, n in sorted(self.skipped.items())
            },
            "rejected": {
                reason: {"rows": len(rs), "lines": [r.line for r in rs]}
                for reason, rs in self.rejected_by_reason().items()
            },
            "notes": self.notes,
        }


@dataclass
class Coverage:
    """Every imported establishment by where its name and place come from
    (``named_by``: the file, or ``UAI only``; ``located_by``: ``establishment`` = its own
    coordinates, ``commune`` = its commune's centre, ``unknown``), and the establishments the
    activity files name, by what describes them."""

    establishments: int = 0
    named_by: dict[str, int] = field(default_factory=dict)
    located_by: dict[str, int] = field(default_factory=dict)
    uais_in_activity: int = 0
    described: dict[str, int] = field(default_factory=dict)  # first directory -> count
    with_coordinates: dict[str, int] = field(default_factory=dict)  # how located -> count
    unknown: int = 0  # no directory describes them
    unknown_but_seeded: int = 0  # ... but a seed actor has the UAI
    unknown_examples: list[str] = field(default_factory=list)
    seed_actors_matched: int = 0  # seed actors without a UAI matched by name and commune

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _n(value: float) -> str:
    """A count the French way: 12 345 (narrow no-break space between thousands)."""
    return f"{value:,.0f}".replace(",", "\u202f")


_PLACE = {
    "establishment": "à leurs propres coordonnées",
    "commune": "au centre de leur commune",
    "unknown": "lieu inconnu",
}
_NAMED = {"UAI only": "UAI seule"}
# the graph's node labels (ImportSummary.nodes keys, also JSON keys) as the summary says them
_NODES_FR = {
    "Actor": "établissements",
    "Diploma": "diplômes",
    "Job": "métiers (ROME)",
    "Passerelle": "passerelles",
    "Site": "communes",
}
_HOW = {  # Coverage.with_coordinates keys (also JSON keys, so they stay as they are)
    "with their own coordinates": "à leurs propres coordonnées",
    "at their commune": "au centre de leur commune",
    "without coordinates": "sans coordonnées",
}


@dataclass
class ImportSummary:
    directory: str
    departements: list[str] | None
    dry_run: bool
    files: list[FileReport] = field(default_factory=list)
    nodes: dict[str, dict[str, int]] = field(default_factory=dict)
    relationships: dict[str, dict[str, int]] = field(default_factory=dict)
    coverage: Coverage = field(default_factory=Coverage)
    timings: dict[str, float] = field(default_factory=dict)
    statements: int = 0

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_skipped(self) -> int:
        return sum(sum(f.skipped.values()) for f in self.files)

    @property
    def rows_used(self) -> int:
        return sum(f.rows_used for f in self.files)

    @property
    def rows_filtered(self) -> int:
        return sum(f.filtered for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(len(f.rejected) for f in self.files)

    @property
    def seconds(self) -> float:
        return round(sum(self.timings.values()), 3)

    def to_dict(self) -> dict[str, Any]:
        secs = self.seconds
        return {
            "directory": self.directory,
            "departements": self.departements,
            "dry_run": self.dry_run,
            "rows_read": self.rows_read,
            "rows_skipped": self.rows_skipped,
            "rows_rejected": self.rows_rejected,
            "seconds": secs,
            "rows_per_s": round(self.rows_read / secs) if secs else None,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "statements": self.statements,
            "nodes": self.nodes,
            "relationships": self.relationships,
            "coverage": self.coverage.to_dict(),
            "files": [f.to_dict() for f in self.files],
        }

    def format_text(self) -> str:
        """The end-of-import summary printed by ``cmq import``."""
        out: list[str] = []
        verb = "seraient écrits" if self.dry_run else "écrits"
        where = f" (départements {', '.join(self.departements)})" if self.departements else ""
        secs = self.seconds
        rate = f", {_n(self.rows_read / secs)} lignes/s" if secs else ""
        out.append(
            f"{self.directory}{where} : {_n(self.rows_read)} lignes lues dans {len(self.files)} "
            f"fichiers, {_n(self.rows_used)} retenues, {_n(self.rows_filtered)} filtrées, "
            f"{_n(self.rows_skipped)} ignorées, {_n(self.rows_rejected)} rejetées, "
            f"{secs:.2f} s{rate}"
        )
        out.append("")
        out.append(
            f"{'fichier':<62} {'lues':>8} {'retenues':>8} {'filtrées':>9} "
            f"{'ignorées':>8} {'rejetées':>8}"
        )
        for f in self.files:
            out.append(
                f"{f.name:<62} {_n(f.rows_read):>8} {_n(f.rows_used):>8} {_n(f.filtered):>9} "
                f"{_n(sum(f.skipped.values())):>8} {_n(len(f.rejected)):>8}"
            )
        filtered = [
            (f.name, reason, n, f.left_out_examples.get(reason, []))
            for f in self.files
            for reason, n in [
                *sorted(f.left_out.items()),
                *(
                    [(OUTSIDE_DEPARTEMENTS, f.filtered_by_departement)]
                    * bool(f.filtered_by_departement)
                ),
            ]
        ]
        _counted_reasons(
            out, "lignes filtrées (non retenues : l'import n'en a pas besoin) :", filtered
        )
        rejected = [(f.name, f.rejected_by_reason()) for f in self.files if f.rejected]
        if rejected:
            out.append("")
            out.append("lignes rejetées (écartées, le reste importé) :")
            for name, by_reason in rejected:
                for reason, rs in by_reason.items():
                    lines = ", ".join(str(r.line) for r in rs[:REJECTED_SHOWN])
                    extra = len(rs) - REJECTED_SHOWN
                    more = f" et {_n(extra)} autres" if extra > 0 else ""
                    said = reason_fr(reason)
                    out.append(f"  {name} : {_n(len(rs))} × {said} (lignes {lines}{more})")
        reasons = [
            (f.name, r, n, f.examples.get(r, []))
            for f in self.files
            for r, n in sorted(f.skipped.items())
        ]
        _counted_reasons(out, "lignes ignorées :", reasons)
        values = [
            (f.name, reason, n, f.values_lines.get(reason, [])[:EXAMPLES])
            for f in self.files
            for reason, n in sorted(f.values_ignored.items())
        ]
        _counted_reasons(out, "valeurs ignorées (leur ligne retenue) :", values)
        notes = [(f.name, n) for f in self.files for n in f.notes]
        if notes:
            out.append("")
            out.append("remarques :")
            out.extend(f"  {name} : {n}" for name, n in notes)
        out.append("")
        out.append(f"nœuds ({verb}) :")
        for label, c in sorted(self.nodes.items(), key=lambda kv: _NODES_FR.get(kv[0], kv[0])):
            said = _NODES_FR.get(label, label)
            # no seed names a ROME job: the import alone writes them
            seed = (
                ""
                if label == "Job"
                else f" ({_n(c.get('seed', 0))} nœuds des données des campus enrichis)"
            )
            out.append(
                f"  {said:<15} {_n(c.get('written', 0)):>7} écrits : {_n(c.get('created', 0))} "
                f"créés, {_n(c.get('updated', 0))} mis à jour{seed}, "
                f"{_n(c.get('deleted', 0))} supprimés"
            )
        out.append(f"relations ({verb}) :")
        for rtype, c in sorted(self.relationships.items()):
            out.append(
                f"  {rtype:<13} {_n(c.get('written', 0)):>7} écrites, à la place des "
                f"{_n(c.get('previous', 0))} de l'import précédent"
            )
        cv = self.coverage
        out.append("")
        out.append(
            f"établissements : {_n(cv.establishments)} ; nom tiré de "
            + ", ".join(f"{_NAMED.get(k, k)} {_n(n)}" for k, n in sorted(cv.named_by.items()))
            + " ; placés "
            + ", ".join(f"{_PLACE.get(k, k)} {_n(n)}" for k, n in sorted(cv.located_by.items()))
        )
        out.append(
            f"couverture : {_n(cv.uais_in_activity)} établissements (UAI) dans les fichiers "
            "d'activité ; "
            + ", ".join(f"{_n(n)} décrits par {k}" for k, n in sorted(cv.described.items()))
            + f" ; {_n(cv.unknown)} dans aucun annuaire"
            + (
                f" (dont {cv.unknown_but_seeded} connus des données des campus)"
                if cv.unknown
                else ""
            )
        )
        if cv.with_coordinates:
            out.append(
                "localisés : "
                + ", ".join(
                    f"{_n(n)} {_HOW.get(k, k)}" for k, n in sorted(cv.with_coordinates.items())
                )
            )
        return "\n".join(out)


REPORT_COLUMNS = ("file", "line", "kind", "reason", "column", "value")


def report_rows(summary: ImportSummary) -> list[dict[str, Any]]:
    """Every rejected and skipped row, by file, then kind, reason and line."""
    out: list[dict[str, Any]] = []
    for f in summary.files:
        for reason, rs in f.rejected_by_reason().items():
            out.extend(
                {
                    "file": f.name,
                    "line": r.line,
                    "kind": "rejected",
                    "reason": reason,
                    "column": r.column or "",
                    "value": r.value,
                }
                for r in rs
            )
        for reason in sorted(f.skipped_lines):
            out.extend(
                {
                    "file": f.name,
                    "line": line,
                    "kind": "skipped",
                    "reason": reason,
                    "column": "",
                    "value": "",
                }
                for line in f.skipped_lines[reason]
            )
    return out


def write_report(summary: ImportSummary, path: Path) -> None:
    """``--report FILE``: every rejected and skipped row, as JSON (``.json``) or CSV (else)."""
    rows = report_rows(summary)
    if path.suffix.lower() == ".json":
        doc = {
            "directory": summary.directory,
            "dry_run": summary.dry_run,
            "rows_read": summary.rows_read,
            "rows_rejected": summary.rows_rejected,
            "rows_skipped": summary.rows_skipped,
            "files": [f.to_dict() for f in summary.files],
            "rows": rows,
        }
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=REPORT_COLUMNS)
        w.writeheader()
        w.writerows(rows)


def _counted_reasons(
    out: list[str], title: str, rows: Sequence[tuple[str, str, int, Sequence[int]]]
) -> None:
    """Append a titled section, one line per (file, reason): its count and example lines."""
    if not rows:
        return
    out.append("")
    out.append(title)
    for name, reason, n, examples in rows:
        eg = ", ".join(str(x) for x in examples)
        lines = "lignes" if len(examples) > 1 else "ligne"
        where = f" (par ex. {lines} {eg})" if eg else ""
        out.append(f"  {name} : {_n(n)} × {reason_fr(reason)}{where}")
