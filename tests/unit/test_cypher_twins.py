"""Two queries stay written twice, each with a twin that reads given diplomas only
(docs/cypher.md, « A query and its _of twin »: one file with ``$codes IS NULL OR …`` slows the
twin's read). The twin must stay its query plus that one filter, so that the rows the pathway
cache carries over an edit are the rows a fresh read gives."""

from __future__ import annotations

import re

import pytest

from graph.cypher import CypherLibrary

TWINS = {
    # twin: (query, its filter, where the query's WHERE becomes the twin's)
    "coverage_offers_of": ("coverage_offers", "WHERE d.code IN $codes\n  AND (", "WHERE ("),
    "pathway_programme_territories_of": (
        "pathway_programme_territories",
        "WHERE d.code IN $codes AND d.seed = true",
        "WHERE d.seed = true",
    ),
}


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("//")).strip()


@pytest.mark.parametrize("twin", sorted(TWINS))
def test_a_twin_is_its_query_with_one_filter(twin: str) -> None:
    lib = CypherLibrary("falkordb")
    query, filtered, plain = TWINS[twin]
    body, twin_body = _body(lib.get(query)), _body(lib.get(twin))
    assert filtered in twin_body
    assert twin_body.replace(filtered, plain, 1) == body
    assert re.search(r"\$codes", body) is None
