"""Load ``cypher/*.cypher`` by name. The only module that reads the cypher folder.

``cypher/<engine>/<name>.cypher`` overrides ``cypher/<name>.cypher`` for that engine; such
overrides are few and documented in docs/cypher.md. Unknown names fail loudly.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.errors import InvalidQuery

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"
ENGINES = ("falkordb", "neo4j")


def query_files(root: Path = CYPHER_DIR) -> list[Path]:
    """Every query file of ``root`` and its engine folders, in a fixed order (what a cache
    written to disk hashes with the code that made it: graph/pathways/snapshot.py)."""
    return sorted(root.rglob("*.cypher"))


_NAME = re.compile(r"^[a-z][a-z0-9_]{0,80}$")
# Variable-length bounds cannot be parameters on either engine. Files write the ceiling
# `*1..6]`; get(name, max_hops=n) lowers it to a validated integer (never user text).
_HOP_CEILING = re.compile(r"\*1\.\.6\]")
MAX_HOPS = 6


class CypherLibrary:
    def __init__(self, engine: str, root: Path = CYPHER_DIR) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}")
        self.engine = engine
        self.root = root
        self._queries: dict[str, str] = {}
        for path in sorted(root.glob("*.cypher")):
            self._queries[path.stem] = self._read(path)
        for path in sorted((root / engine).glob("*.cypher")):
            if path.stem not in self._queries:
                raise InvalidQuery(f"{path}: override of a query that has no portable version")
            self._queries[path.stem] = self._read(path)

    @staticmethod
    def _read(path: Path) -> str:
        if not _NAME.match(path.stem):
            raise InvalidQuery(f"{path}: query file names are lower_snake_case")
        text = path.read_text(encoding="utf-8").strip()
        if not text:
            raise InvalidQuery(f"{path}: empty query file")
        return text

    def get(self, name: str, *, max_hops: int | None = None) -> str:
        try:
            text = self._queries[name]
        except KeyError:
            raise InvalidQuery(f"no query named {name!r} in {self.root}") from None
        if max_hops is None:
            return text
        if type(max_hops) is not int or not 1 <= max_hops <= MAX_HOPS:
            raise InvalidQuery(f"max_hops must be an integer from 1 to {MAX_HOPS}")
        if not _HOP_CEILING.search(text):
            raise InvalidQuery(f"query {name!r} has no *1..{MAX_HOPS}] bound to lower")
        return _HOP_CEILING.sub(f"*1..{max_hops}]", text)

    def names(self) -> list[str]:
        return sorted(self._queries)
