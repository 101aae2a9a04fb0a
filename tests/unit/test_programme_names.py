"""One reading of a diploma's name as its programme (graph/programme_names.py) for the pathway
rule (variety.programme_key) and the import's (renewal.common_year_programmes), checked over
the 1,977 Bac pro, BTS and CAP names of the national BCN (current and closed): both give what
their own copies gave before they were one (``tests/fixtures/programme_names/``, written by
the code of commit f73cb62)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from graph.ingest.opendata.renewal import common_year_programmes
from graph.pathways.variety import programme_key
from graph.programme_names import programme_words

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "programme_names"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with (FIXTURE / "names.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_the_pathway_rule_groups_as_before(rows: list[dict[str, str]]) -> None:
    assert len(rows) > 1900
    changed = [
        (r["name"], r["programme_key"], got)
        for r in rows
        if (got := programme_key({"type": "bts", "code": r["code"], "name": r["name"]})[1])
        != r["programme_key"]
    ]
    assert changed == []


def test_the_import_rule_reads_bac_pro_names_as_before(rows: list[dict[str, str]]) -> None:
    """The words it compares (Bac pros and common 2ndes) are the same, and so is what it finds:
    each common 2nde's Bac pros by their names."""
    bac_pro = [r for r in rows if r["renewal_words"]]
    assert len(bac_pro) > 400
    changed = [
        (r["name"], r["renewal_words"], got)
        for r in bac_pro
        if (got := " ".join(programme_words(r["name"], singular=True))) != r["renewal_words"]
    ]
    assert changed == []
    names = {r["code"]: (r["level"], r["name"]) for r in rows}
    found = {c: sorted(p) for c, p in common_year_programmes(names, {}, {}, set()).items()}
    expected = json.loads((FIXTURE / "common_years.json").read_text())
    assert found == expected
    assert len(found) >= 15  # the ASSP 2nde, the agricultural SEC PRO AG ones…


def test_one_function_for_both_rules(rows: list[dict[str, str]]) -> None:
    """Options, a common first year and the type around the name do not make another
    programme; the import's reading differs from the pathway's only by the plural s."""
    for r in rows:
        words = programme_words(r["name"])
        assert words == programme_words(" ".join(words)) or not words
        plain = [w[:-1] if len(w) > 3 and w.endswith("S") and w != "AUX" else w for w in words]
        assert programme_words(r["name"], singular=True) == tuple(plain)
    key = programme_words("MAINTENANCE DES VEHICULES OPTION A VOITURES PARTICULIERES (BTS)")
    assert key == programme_words("BTS maintenance des véhicules option B : véhicules de transport")
