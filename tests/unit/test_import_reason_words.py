"""Every reason the importer gives a rejected or skipped row has its French words for the
summary a user reads (graph/ingest/opendata/reason_words.py): read from the code itself, so
that a new rule with English words and no French fails here. The English stays the machine
code of ``--json`` and ``--report``."""

from __future__ import annotations

import ast
from pathlib import Path

from graph.ingest.opendata.reason_words import REASONS_FR, reason_fr
from graph.ingest.opendata.report import FileReport, ImportSummary
from graph.ingest.opendata.rows import REJECT_ABROAD, REJECT_REASONS

INGEST = Path(__file__).resolve().parents[2] / "graph" / "ingest"


def _module_strings(tree: ast.Module) -> dict[str, str]:
    return {
        n.targets[0].id: n.value.value
        for n in tree.body
        if isinstance(n, ast.Assign)
        and len(n.targets) == 1
        and isinstance(n.targets[0], ast.Name)
        and isinstance(n.value, ast.Constant)
        and isinstance(n.value.value, str)
    }


def _reasons() -> set[str]:
    """The reasons of the code: the words given to ``skip`` / ``reject`` (or a module's
    constant), and those a row reader yields beside no code (Certif Info's)."""
    found: set[str] = set()
    for path in INGEST.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        consts = _module_strings(tree)
        for n in ast.walk(tree):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.args:
                at = {"skip": 0, "reject": 1, "leave_out": 0, "ignore_value": 0}.get(n.func.attr)
                if at is None or len(n.args) <= at:
                    continue
                arg = n.args[at]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
                elif isinstance(arg, ast.Name) and arg.id in consts:
                    found.add(consts[arg.id])
            elif isinstance(n, ast.Yield) and isinstance(n.value, ast.Tuple) and n.value.elts:
                last = n.value.elts[-1]
                if isinstance(last, ast.Constant) and isinstance(last.value, str):
                    found.add(last.value)
    return found | set(REJECT_REASONS.values()) | {REJECT_ABROAD}


def test_every_reason_of_the_code_has_french_words() -> None:
    reasons = _reasons()
    assert "exact duplicate row" in reasons and "invalid UAI" in reasons  # the scan works
    missing = sorted(reasons - REASONS_FR.keys())
    assert missing == [], missing


def test_the_summary_says_the_reasons_in_french_and_the_json_keeps_the_codes() -> None:
    f = FileReport(name="BTS_attractivite_capacite_2022.csv", family="activity", rows_read=9)
    for line in (10, 11):
        f.reject(line, "invalid UAI", "UAI", "PSEUDO")
    f.reject(12, "place abroad", "commune", "99140")
    f.skip("MEF_STAT_11 not in nMef.csv (and no CFD column)", 3)
    text = ImportSummary(directory="/d", departements=None, dry_run=True, files=[f]).format_text()
    assert "2 × UAI invalide (lignes 10, 11)" in text, text
    assert "1 × lieu à l'étranger (lignes 12)" in text, text
    assert "1 × MEF_STAT_11 absent de nMef.csv (et pas de colonne CFD)" in text, text
    for english in ("invalid UAI", "place abroad", "not in nMef"):
        assert english not in text, text
    assert set(f.to_dict()["rejected"]) == {"invalid UAI", "place abroad"}


def test_an_unknown_reason_is_given_as_it_is() -> None:
    assert reason_fr("une règle nouvelle") == "une règle nouvelle"
