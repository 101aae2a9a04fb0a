"""The examples in the docstrings of graph/ and api/ run (every module that has one, found by
its « >>> », not a list to keep up to date): a docstring that shows a wrong output
misleads the next reader (``measures_fr``'s example had drifted from the order of the code)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _modules_with_examples() -> list[str]:
    names = []
    for package in ("graph", "api"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if ">>>" in path.read_text(encoding="utf-8"):
                names.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return names


@pytest.mark.parametrize("module", _modules_with_examples())
def test_docstring_examples_hold(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{module} has « >>> » but no example doctest runs"
    assert result.failed == 0, f"{result.failed} example(s) of {module} fail: python -m doctest"
