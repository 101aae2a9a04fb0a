"""The runnable examples in the analytics docstrings are tests too."""

from __future__ import annotations

import doctest

import pytest

import graph.analytics.link_analysis
import graph.geo


@pytest.mark.parametrize("module", [graph.analytics.link_analysis, graph.geo])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, raise_on_error=False)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
