"""Offline lint of cypher/**/*.cypher with Neo4j's own parser (tools/cypher-lint)."""

import glob
import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = ROOT / "tools" / "cypher-lint" / "lint.mjs"
CYPHER = ROOT / "cypher"
NODE = shutil.which("node")

pytestmark = [
    pytest.mark.skipif(NODE is None, reason="node is not installed"),
    pytest.mark.skipif(
        not (LINT.parent / "node_modules").is_dir(),
        reason="tools/cypher-lint/node_modules missing: run `make lint-deps`",
    ),
]


# Only a guard against a hung linter: every file takes ~25 s of CPU, minutes of wall time on
# a loaded machine (it timed out at 120 s under a load average of 20).
LINT_TIMEOUT_S = 900


def run_lint(*paths: Path) -> tuple[int, dict]:
    proc = subprocess.run(
        [str(NODE), str(LINT), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=LINT_TIMEOUT_S,
    )
    assert proc.returncode in (0, 1), f"linter crashed:\n{proc.stderr}"
    return proc.returncode, json.loads(proc.stdout)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_repository_cypher_has_no_errors(tmp_path):
    found = glob.glob(str(CYPHER / "**" / "*.cypher"), recursive=True)
    files = [f for f in found if "falkordb" not in Path(f).relative_to(CYPHER).parts[:-1]]
    rc, out = run_lint(CYPHER if CYPHER.is_dir() else tmp_path)
    errors = "\n".join(
        f"{e['file']}:{e['line']}:{e['column']}: {e['message']}" for e in out["errors"]
    )
    assert out["errors"] == [], f"Cypher lint errors:\n{errors}"
    assert rc == 0
    assert out["files"] == len(files)


def test_syntax_error_fails_with_file_name(tmp_path):
    write(tmp_path, "bad.cypher", "MATCH (n) RETRUN n\n")
    rc, out = run_lint(tmp_path)
    assert rc == 1
    assert out["files"] == 1
    assert any(e["file"].endswith("bad.cypher") and e["line"] == 1 for e in out["errors"])


def test_unknown_function_is_an_error(tmp_path):
    write(
        tmp_path,
        "falkor_only.cypher",
        "RETURN distance(point({latitude:1,longitude:2}), point({latitude:1,longitude:3}))\n",
    )
    rc, out = run_lint(tmp_path)
    assert rc == 1
    assert any("distance" in e["message"] for e in out["errors"]), out


def test_valid_parameterised_query_with_header(tmp_path):
    write(
        tmp_path,
        "campus_formations.cypher",
        "// Formations offered by one campus.\n"
        "// Parameters: $campusId, $limit\n"
        "MATCH (c:Campus {id: $campusId})-[:OFFERS]->(f:Formation)\n"
        "RETURN f.code AS code, f.title AS title\n"
        "ORDER BY code\n"
        "LIMIT $limit\n",
    )
    (tmp_path / "falkordb").mkdir()
    write(tmp_path / "falkordb", "near.cypher", "RETURN distance(point({x:1,y:2}), $p)\n")
    rc, out = run_lint(tmp_path)
    assert out["errors"] == []
    assert rc == 0
    assert out["files"] == 1  # the falkordb/ variant is skipped
