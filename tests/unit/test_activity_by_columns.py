"""The activity files judged by columns (graph/ingest/opendata/activity.py, bycolumns.py) give
what the row-by-row reading gives: the same rows, the same report (rows read, filtered,
skipped and rejected lines, notes) and, where the file stops the import, the same error.

Each file below mixes good rows with every row the row-by-row checks must judge (an exact
duplicate, a census wish, a placeholder capacity on a row read and on rows skipped before
it, an invalid UAI, MEF or CFD, an empty MEF); the files that stop the import (a count that
is no number, an unknown status, another year) are read again row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.ingest.opendata import activity
from graph.ingest.opendata.bycolumns import Unusual
from graph.ingest.opendata.csvfile import CsvSpec, Table, Whole, read_table
from graph.ingest.opendata.plan import keeper
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import OfferRow

CONSTAT = [
    "Rentrée scolaire;UAI;Mef Bcp 11;Nombre d'élèves : Total",
    "2020;0750330B;32211022207;83",
    "2020;0750330B;32211022207;83",  # an exact duplicate
    "2020;0310001A;32211022207;5",  # another département
    "2020;BAD;32211022207;4",  # invalid UAI: rejected
    "2020;0750419Y;23210031122.0;32",  # a float rendering
    "2020;0750419Y;23820031106;",
    "2020;0750419Y;ABC;3",  # invalid MEF: rejected
    ";0750420Z;23820031106;1\u202f200",  # no year: the file's; a narrow space in a count
]
AFFELNET = [
    "Etablissement d'accueil;MEF STAT 11;Statut Offre de formation;Capacité carte scolaire;"
    "Demandes vœux 1;Voeu de recensement O/N",
    "0750330B;24720000001;ST;24;30;N",
    "0750330B;24720000002;st ;999;12;N",  # a placeholder, read
    "0750330B;24720000002;st ;999;12;N",  # the same row: skipped before its capacity
    "0750331C;24720000001;AP;999;3;O",  # a census wish: skipped before its capacity
    "0310001A;24720000001;AP;999;3;N",  # another département
    "BAD;24720000001;AP;999;3;N",  # invalid UAI, rejected after its capacity is read
    "0750332D;24720000001;APPRENTISSAGE;;;N",
]
BTS = [
    "UAI;MEFSTAT11;NB_VOEUX_CONFIRMES;STATUT;CAPACITEPSUP;CFD;LIBELLE_FORMATION",
    "0750330B;32031211011;40;ST;24;32031211;BTS - Production - Electrotechnique ",
    "0750330B;;12;AP;10;32031212;BTS - Services - Tourisme",  # no MEF: the CFD
    "0750330B;   ;12;AP;11;;BTS - Services - Tourisme",  # a blank MEF, no CFD
    "0750331C;32031211011;5;ST;8;BADCFD;BTS X",  # invalid CFD: rejected
    "0310001A;32031211011;5;ST;8;32031211;BTS X",  # another département
    "0750330B;32031211011;40;ST;24;32031211;BTS - Production - Electrotechnique ",
]
FILES = {
    "constat_2020.csv": (CONSTAT, activity.parse_constat, activity.CONSTAT),
    "attractivite_capacite_2022.csv": (AFFELNET, activity.parse_affelnet, activity.AFFELNET),
    "BTS_attractivite_capacite_2023.csv": (BTS, activity.parse_bts, activity.BTS),
}
_ROWS: dict[Callable[..., Any], Callable[[Table, Path, FileReport, Any], Iterator[OfferRow]]] = {
    activity.parse_constat: activity._constat_rows,
    activity.parse_affelnet: activity._affelnet_rows,
    activity.parse_bts: activity._bts_rows,
}
_COLUMNS: dict[Callable[..., Any], Callable[[Table, Whole, Path, bool, Any], Any]] = {
    activity.parse_constat: activity._constat_columns,
    activity.parse_affelnet: activity._affelnet_columns,
    activity.parse_bts: activity._bts_columns,
}


def _outcome(read: Callable[[FileReport], Any], strict: bool) -> dict[str, Any]:
    report = FileReport("f", "x", strict=strict)
    try:
        rows, error = list(read(report)), None
    except Exception as exc:  # the error the import stops with
        rows, error = None, f"{type(exc).__name__}: {exc}"
    return {"rows": rows, "error": error, "report": report.__dict__, "shown": report.to_dict()}


def _both(path: Path, parse: Callable[..., Any], spec: CsvSpec, keep: Any, strict: bool) -> Any:
    by_columns = _outcome(lambda r: parse(path, r, keep), strict)
    by_rows = _outcome(lambda r: _ROWS[parse](read_table(path, spec), path, r, keep), strict)
    return by_columns, by_rows


def _write(path: Path, lines: list[str], crlf: bool, quoted: bool) -> None:
    if quoted:  # a quoted field: the csv module reads the file
        head, first, *rest = lines
        cells = first.split(";")
        lines = [head, ";".join([f'"{cells[0]}"', *cells[1:]]), *rest]
    end = "\r\n" if crlf else "\n"
    path.write_text(end.join(lines) + end, encoding="utf-8")


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("quoted", [False, True])
@pytest.mark.parametrize("departements", [None, ["075"]])
@pytest.mark.parametrize("strict", [False, True])
def test_rows_and_report_as_row_by_row(
    tmp_path: Path,
    name: str,
    crlf: bool,
    quoted: bool,
    departements: list[str] | None,
    strict: bool,
) -> None:
    lines, parse, spec = FILES[name]
    path = tmp_path / name
    _write(path, lines, crlf, quoted)
    keep = keeper(departements)
    by_columns, by_rows = _both(path, parse, spec, keep, strict)
    assert by_columns == by_rows
    if strict and by_rows["error"] is not None:  # a rejected row stops the import
        assert "line" in by_rows["error"]
        return
    assert by_rows["error"] is None and by_rows["rows"]
    assert by_rows["report"]["filtered" if departements else "rejected"]
    assert by_rows["report"]["skipped"] or name.startswith("BTS") and departements
    # judged by columns: the rows to check went through the row-by-row checks, not the file
    t = read_table(path, spec)
    whole = t.whole()
    assert whole is not None and (whole.lines is None) == quoted
    _COLUMNS[parse](t, whole, path, strict, keep)


def test_the_placeholders_counted_are_those_of_rows_read_that_far(tmp_path: Path) -> None:
    path = tmp_path / "attractivite_capacite_2022.csv"
    _write(path, AFFELNET, crlf=False, quoted=False)
    report = FileReport(path.name, "x")
    rows = list(activity.parse_affelnet(path, report, keeper(None)))
    # line 3 and the rejected line 7; not the duplicate, the census wish (the other
    # département is imported here)
    assert report.notes == [activity._placeholders_note(3)]
    assert [r.line for r in rows] == [2, 3, 6, 8]
    assert [r.capacity for r in rows] == [24, None, None, None]


@pytest.mark.parametrize(
    ("name", "line", "bad"),
    [
        ("constat_2020.csv", 5, "2020;0750419Y;23210031122;douze"),  # no count
        ("constat_2020.csv", 5, "2019;0750419Y;23210031122;12"),  # another year
        ("attractivite_capacite_2022.csv", 5, "0750331C;24720000001;XX;1;3;N"),  # status
        ("BTS_attractivite_capacite_2023.csv", 5, "0750331C;32031211011;5;ST;2000000;;x"),
        ("BTS_attractivite_capacite_2023.csv", 5, ""),  # a blank line
        ("BTS_attractivite_capacite_2023.csv", 5, "0750331C;32031211011;5;ST;8"),  # short
    ],
)
def test_a_file_that_stops_the_import_is_read_row_by_row(
    tmp_path: Path, name: str, line: int, bad: str
) -> None:
    lines, parse, spec = FILES[name]
    path = tmp_path / name
    _write(path, [*lines[: line - 1], bad, *lines[line - 1 :]], crlf=False, quoted=False)
    t = read_table(path, spec)
    whole = t.whole()
    if whole is not None:
        with pytest.raises(Unusual):
            _COLUMNS[parse](t, whole, path, False, keeper(None))
    by_columns, by_rows = _both(path, parse, spec, keeper(None), False)
    assert by_columns == by_rows
    assert by_rows["error"] is not None or by_rows["report"]["skipped"], by_rows
