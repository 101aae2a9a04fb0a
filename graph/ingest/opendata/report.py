"""What an import read, skipped (with reasons and lines), wrote, and how well it covers the UAIs.

A :class:`FileReport` per file counts rows read and used; each skipped row is counted under a
reason, and the first lines of each reason are kept so that the summary can point at them
(``constat_2020.csv: 2 exact duplicate rows, e.g. line 415``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

EXAMPLES = 3


@dataclass
class FileReport:
    name: str
    family: str
    rows_read: int = 0
    rows_used: int = 0
    filtered: int = 0  # outside --departements (not an error)
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def skip(self, reason: str, line: int) -> None:
        self.skipped[reason] += 1
        lines = self.examples.setdefault(reason, [])
        if len(lines) < EXAMPLES:
            lines.append(line)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "family": self.family,
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "filtered_by_departement": self.filtered,
            "skipped": {
                reason: {"rows": n, "lines": self.examples.get(reason, [])}
                for reason, n in sorted(self.skipped.items())
            },
            "notes": self.notes,
        }


@dataclass
class Coverage:
    """Establishments named by the activity files, by what describes them."""

    uais_in_activity: int = 0
    described: dict[str, int] = field(default_factory=dict)  # first directory -> count
    with_coordinates: dict[str, int] = field(default_factory=dict)  # how located -> count
    unknown: int = 0  # no directory describes them
    unknown_but_seeded: int = 0  # ... but a seed actor has the UAI
    unknown_examples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
        verb = "would write" if self.dry_run else "wrote"
        where = f" (départements {', '.join(self.departements)})" if self.departements else ""
        secs = self.seconds
        rate = f", {self.rows_read / secs:,.0f} rows/s" if secs else ""
        out.append(
            f"{self.directory}{where}: {self.rows_read:,} rows read in {len(self.files)} "
            f"files, {self.rows_skipped:,} skipped, {secs:.2f} s{rate}"
        )
        out.append("")
        out.append(f"{'file':<62} {'read':>8} {'used':>8} {'filtered':>9} {'skipped':>8}")
        for f in self.files:
            out.append(
                f"{f.name:<62} {f.rows_read:>8,} {f.rows_used:>8,} {f.filtered:>9,} "
                f"{sum(f.skipped.values()):>8,}"
            )
        reasons = [
            (f.name, r, n, f.examples.get(r, []))
            for f in self.files
            for r, n in sorted(f.skipped.items())
        ]
        if reasons:
            out.append("")
            out.append("skipped rows:")
            for name, reason, n, lines in reasons:
                eg = ", ".join(str(x) for x in lines)
                out.append(f"  {name}: {n:,} × {reason} (e.g. line {eg})")
        notes = [(f.name, n) for f in self.files for n in f.notes]
        if notes:
            out.append("")
            out.append("notes:")
            out.extend(f"  {name}: {n}" for name, n in notes)
        out.append("")
        out.append(f"nodes ({verb}):")
        for label, c in sorted(self.nodes.items()):
            out.append(
                f"  {label:<12} {c.get('written', 0):>7,} written: {c.get('created', 0):,} "
                f"created, {c.get('updated', 0):,} updated ({c.get('seed', 0):,} seed nodes "
                f"enriched), {c.get('deleted', 0):,} removed"
            )
        out.append(f"relationships ({verb}):")
        for rtype, c in sorted(self.relationships.items()):
            out.append(
                f"  {rtype:<13} {c.get('written', 0):>7,} written, replacing "
                f"{c.get('previous', 0):,} from the previous import"
            )
        cv = self.coverage
        out.append("")
        out.append(
            f"coverage: {cv.uais_in_activity:,} establishments (UAI) in the activity files; "
            + ", ".join(f"{n:,} described by {k}" for k, n in sorted(cv.described.items()))
            + f"; {cv.unknown:,} in no directory"
            + (f" ({cv.unknown_but_seeded} of them known from the seeds)" if cv.unknown else "")
        )
        if cv.with_coordinates:
            out.append(
                "located: "
                + ", ".join(f"{n:,} {k}" for k, n in sorted(cv.with_coordinates.items()))
            )
        return "\n".join(out)
