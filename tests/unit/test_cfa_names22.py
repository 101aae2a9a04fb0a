"""A CFA name filling the list's 30-character column is marked « … » only where it may be cut
(graph/ingest/opendata/cfa_names.py ``whole_words``, ``marked_cut``), on rows of the national
file (tests/fixtures/cfa_names22/): « MUNICIPAL DE SALON DE PROVENCE » was shown « …Provence… »
though whole, and « CENTRE  DE FORMATION D APPRENT » (a double space) « Centre de Formation
d'Apprent… »."""

from __future__ import annotations

from pathlib import Path

from graph.ingest.opendata.cfa_names import readable_cfa_name
from graph.ingest.opendata.directories import parse_cfa
from graph.ingest.opendata.establishment_names import tidy_name
from graph.ingest.opendata.report import FileReport

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "cfa_names22"
FILE = HERE / "CFASousConvRegionale_latest-UAI.csv"


def _names() -> dict[str, str]:
    rows = parse_cfa(FILE, FileReport(FILE.name, "establishments"), lambda uai: True)
    return {uai: readable_cfa_name(tidy_name(row.name)) for uai, row in rows.items()}


def test_a_name_of_exactly_the_column_s_width_ending_on_a_whole_word_is_not_marked() -> None:
    names = _names()
    assert names["0131767A"] == "Centre de formation des apprentis Municipal de Salon de Provence"


def test_the_cfa_denomination_cut_after_a_double_space_is_read_in_full() -> None:
    names = _names()
    assert names["9740986D"] == "Centre de formation d'apprentis URMA de Sainte Clotilde"
    assert names["9740983A"].startswith("Centre de formation d'apprentis Commerce et Services")
    assert "Apprent…" not in names["9740983A"]


def test_a_name_cut_in_a_word_is_still_marked() -> None:
    names = _names()
    assert names["0421567A"].endswith("de la Loire les M…"), names["0421567A"]
    assert names["0333131Z"].endswith("Indust A…"), names["0333131Z"]
