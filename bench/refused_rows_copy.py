"""A copy of an open-data directory without the rows the importer refuses (bench helper).

Until the importer skips and reports bad rows itself, the national files stop it at the first
invalid UAI. This helper parses the copy with the importer's own parser, and each time it stops
on a row (``SeedError`` naming ``line N``), drops that physical line from the copy's file and
parses again. It prints, as JSON, every dropped line with the importer's reason.

    python bench/refused_rows_copy.py SOURCE_DIR OUT_DIR
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path
from typing import Any

from graph.errors import SeedError
from graph.ingest.opendata.plan import parse_directory

_LINE = re.compile(r"^line (\d+)$")


def _drop_line(path: Path, line: int) -> str:
    """Remove physical line ``line`` (1-based, header = 1) keeping the file's bytes otherwise."""
    raw = path.read_bytes()
    lines = raw.splitlines(keepends=True)
    dropped = lines.pop(line - 1)
    path.write_bytes(b"".join(lines))
    return dropped.decode("utf-8", errors="replace").rstrip("\r\n")


def filtered_copy(source: Path, out: Path, max_rounds: int = 500) -> list[dict[str, Any]]:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)
    dropped: list[dict[str, Any]] = []
    for _ in range(max_rounds):
        try:
            parse_directory(out)
            return dropped
        except SeedError as exc:
            m = _LINE.match(exc.record)
            if m is None:
                raise
            line = int(m.group(1))
            text = _drop_line(exc.path, line)
            dropped.append(
                {
                    "file": exc.path.name,
                    "line": line,
                    "column": exc.field,
                    "reason": exc.message,
                    "row": text[:160],
                }
            )
    raise RuntimeError(f"more than {max_rounds} refused rows")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    dropped = filtered_copy(args.source, args.out)
    print(json.dumps({"dropped": len(dropped), "rows": dropped}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
