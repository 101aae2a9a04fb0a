"""The open-data parsers and their quirks, on the fixture files (no database).

tests/fixtures/opendata/ holds byte-exact cuts of the public files (make_fixtures.py there).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import SeedError
from graph.ingest.opendata import activity, bcn, directories
from graph.ingest.opendata.credits import citation, producer_of
from graph.ingest.opendata.csvfile import CsvSpec, code, read_table
from graph.ingest.opendata.plan import departement_prefixes, parse_directory
from graph.ingest.opendata.report import FileReport, ImportSummary
from graph.ingest.opendata.values import departement_of_uai, iso_date

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata"
SLICE = Path(__file__).resolve().parents[3] / "shared" / "opendata"


def everything(uai: str) -> bool:
    return True


def report(name: str = "x.csv") -> FileReport:
    return FileReport(name, "test")


@pytest.fixture(scope="module")
def data():
    return parse_directory(FIX)


def copy_fixtures(tmp_path: Path) -> Path:
    target = tmp_path / "opendata"
    shutil.copytree(FIX, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return target


# --- encodings, separators, line endings ---------------------------------------------------


def test_cp1252_bytes_0x92_and_0x85_are_typographic_characters() -> None:
    raw = (FIX / "nFormationDiplome_.csv").read_bytes()
    assert b"\x92" in raw and b"\x85" in raw  # the fixture keeps the published bytes
    diplomas = bcn.parse_diplomas(FIX / "nFormationDiplome_.csv", report())
    names = " ".join(d.name for d in diplomas.values())
    assert "\u2019" in names  # 0x92 -> ’
    comments = (FIX / "nFormationDiplome_.csv").read_bytes().decode("cp1252")
    assert "\u2026" in comments  # 0x85 -> …
    assert "\ufffd" not in names


def test_a_byte_invalid_in_the_encoding_names_file_and_line(tmp_path: Path) -> None:
    target = copy_fixtures(tmp_path)
    path = target / "nFormationDiplome_.csv"
    lines = path.read_bytes().split(b"\n")
    lines[5] = lines[5].replace(b";", b";\x81", 1)  # 0x81 is undefined in cp1252
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(SeedError, match=r"nFormationDiplome_\.csv: line 6: bytes 81") as e:
        bcn.parse_diplomas(path, report())
    assert e.value.record == "line 6"


def test_a_nul_byte_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "constat_2020.csv"
    lines = (FIX / path.name).read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b";", b";\x00", 1)
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(SeedError, match="line 4: NUL byte"):
        list(activity.parse_constat(path, report(), everything))


def test_utf8_bom_is_not_part_of_the_first_column() -> None:
    assert (FIX / "BTS_attractivite_capacite_2024.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    t = read_table(FIX / "BTS_attractivite_capacite_2024.csv", activity.BTS)
    assert t.header[0] == "UAI"


def test_a_bom_in_a_file_published_without_one_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "attractivite_capacite_2022.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (FIX / path.name).read_bytes())
    rows = list(activity.parse_affelnet(path, report(), everything))
    assert len(rows) == 191


def test_latin1_cfa_list_decodes_accents() -> None:
    t = read_table(FIX / "CFASousConvRegionale_latest-UAI.csv", directories.CFA)
    texts = [row[t.col("ministere_tutelle_libe")] for _, row in t.rows]
    assert "ministère de l'éducation nationale" in texts


def test_crlf_files_read_like_lf_files(tmp_path: Path) -> None:
    src = FIX / "constat_2020.csv"
    crlf = tmp_path / "constat_2020.csv"
    crlf.write_bytes(src.read_bytes().replace(b"\n", b"\r\n"))
    a = [r._asdict() for r in activity.parse_constat(src, report(), everything)]
    b = [r._asdict() for r in activity.parse_constat(crlf, report(), everything)]
    assert a == b and len(a) == 348


def test_comma_separated_parcoursup_with_quoted_coordinates() -> None:
    rep = report()
    found = directories.parse_parcoursup(FIX / "fr-esr-parcoursup_extrait.csv", rep, everything)
    iut = found["0460697H"]  # I.U.T de Figeac
    assert iut.kind == "iut" and iut.public is True
    assert (iut.lat, iut.lon) == pytest.approx((44.6133, 2.01054))
    assert rep.skipped["exact duplicate row"] == 3


def test_quote_inside_an_unquoted_bcn_field() -> None:
    rows = bcn.parse_diplomas(FIX / "vFormationDiplome_.csv", report(), bcn.VFD)
    assert set(rows) == {"01025113", "01033410"}


# --- codes as text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "width", "expected"),
    [
        ("12202.0", 5, "12202"),
        ("1202", 5, "01202"),
        ("2A004", 5, "2A004"),
        ("40025214.0", 8, "40025214"),
        (" 0460010l ", None, "0460010L"),
        ("23K00025401", 11, "23K00025401"),
        ("46X33501", 8, "46X33501"),
        ("10.0", 3, "010"),
    ],
)
def test_code_columns_undo_spreadsheet_damage(value: str, width: int | None, expected: str) -> None:
    assert code(value, width) == expected


def test_float_formatted_codes_and_counts_in_an_activity_file(tmp_path: Path) -> None:
    path = tmp_path / "attractivite_capacite_2022.csv"
    lines = (FIX / path.name).read_text(encoding="utf-8").splitlines()
    head, first = lines[0], lines[1].split(";")
    first[1] = first[1] + ".0"  # MEF STAT 11 as a float
    first[4] = first[4] + ".0"  # capacity as a float
    path.write_text("\n".join([head, ";".join(first)]) + "\n", encoding="utf-8")
    (row,) = activity.parse_affelnet(path, report(), everything)
    assert row.mef_stat_11 == lines[1].split(";")[1]
    assert row.capacity == int(lines[1].split(";")[4])


# --- duplicates and repeated keys ----------------------------------------------------------


def test_exact_duplicate_rows_are_counted_once(tmp_path: Path) -> None:
    path = tmp_path / "BTS_attractivite_capacite_2024.csv"
    raw = (FIX / path.name).read_bytes()
    lines = raw.split(b"\n")
    path.write_bytes(raw + lines[3] + b"\n")  # the third data row again, at the end
    rep = report()
    rows = list(activity.parse_bts(path, rep, everything))
    assert rep.skipped["exact duplicate row"] == 1 and rep.rows_read == len(lines) - 1
    assert rep.examples["exact duplicate row"] == [len(lines)]
    assert len(rows) == len(lines) - 2


def test_uai_plus_mef_repeated_with_other_figures_are_two_offers_added_up(data) -> None:
    # attractivite 2022: 0120938E / 23811021112 twice (capacity 27 and 32, first wishes 31, 26)
    offer = next(o for o in data.offers if o.uai == "0120938E" and o.code == "40321112")
    y2022 = next(y for y in offer.years if y.year == 2022)
    assert (y2022.capacity, y2022.demand) == (59, 57)


def test_capacity_is_that_of_the_entry_year(data) -> None:
    # 0120006S, Bac pro 40022503: 2nde (12 places, 7 wishes) and 1ère (12 places, 5 wishes)
    offer = next(o for o in data.offers if o.uai == "0120006S" and o.code == "40022503")
    y2022 = next(y for y in offer.years if y.year == 2022)
    assert (y2022.capacity, y2022.demand) == (12, 7)


def test_pupils_add_up_over_the_course_years(data) -> None:
    offer = next(
        o
        for o in data.offers
        if o.uai == "0120006S" and o.code == "40025411" and o.modality == "school"
    )
    y2020 = next(y for y in offer.years if y.year == 2020)
    assert y2020.pupils == 54 and y2020.capacity is None


def test_bts_2024_has_no_cfd_column_and_goes_through_nmef(data) -> None:
    offer = next(
        o
        for o in data.offers
        if o.uai == "0120006S" and o.code == "32022316" and o.modality == "school"
    )
    assert [y.year for y in offer.years] == [2020, 2022, 2023, 2024]
    latest = offer.latest
    assert (latest.year, latest.capacity, latest.demand) == (2024, 12, 60)
    assert latest.sources == ["BTS_attractivite_capacite_2024.csv"]


def test_course_years_unknown_to_nmef_are_skipped_with_a_reason(data) -> None:
    rep = next(r for r in data.reports if r.name == "BTS_attractivite_capacite_2024.csv")
    reason = "MEF_STAT_11 not in nMef.csv (and no CFD column)"
    assert rep.skipped[reason] >= 1  # 23K… certificats de spécialisation


def test_a_reused_mef_stat_11_resolves_to_the_latest_mef() -> None:
    rep = report()
    mef = bcn.parse_mef(FIX / "nMef.csv", rep)
    assert mef["32710013401"].cfd == "24113401"  # the MEF open until 2024, not the 2019 one
    assert rep.skipped["MEF_STAT_11 reused by an older MEF (kept the latest)"] == 1


def test_duplicate_uai_in_the_directory_keeps_the_first_row() -> None:
    rep = report()
    found = directories.parse_annuaire(
        FIX / "fr-en-annuaire-education.csv", rep, everything, wanted={"0460054J"}
    )
    assert rep.skipped["UAI already described by this file (kept its first row)"] == 1
    assert found["0460054J"].name == "Collège Marcel Masbou"


# --- bad rows and bad files ----------------------------------------------------------------


def _edit(path: Path, line: int, fn, encoding: str = "utf-8") -> None:
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    lines = text.split("\n")
    lines[line - 1] = fn(lines[line - 1])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "\n".join(lines).encode(encoding))


def test_a_non_numeric_capacity_names_file_line_and_column(tmp_path: Path) -> None:
    target = copy_fixtures(tmp_path)
    path = target / "attractivite_capacite_2022.csv"
    _edit(path, 4, lambda s: ";".join([*s.split(";")[:4], "douze", *s.split(";")[5:]]))
    with pytest.raises(SeedError) as e:
        list(activity.parse_affelnet(path, report(), everything))
    assert e.value.path == path and e.value.record == "line 4"
    assert e.value.field == "Capacité carte scolaire" and "douze" in e.value.message


def test_an_invalid_uai_is_rejected_and_reported_or_stops_when_strict(tmp_path: Path) -> None:
    target = copy_fixtures(tmp_path)
    path = target / "BTS_attractivite_capacite_2023.csv"
    _edit(path, 3, lambda s: "0120006;" + s.split(";", 1)[1])
    rep = report()
    rows = list(activity.parse_bts(path, rep, everything))
    assert 3 not in {r.line for r in rows} and 2 in {r.line for r in rows}
    assert [(r.line, r.reason, r.column, r.value) for r in rep.rejected] == [
        (3, "invalid UAI", "UAI", "0120006")
    ]
    strict = FileReport("x.csv", "test", strict=True)
    with pytest.raises(SeedError, match=r"line 3, field 'UAI'"):
        list(activity.parse_bts(path, strict, everything))


def test_a_truncated_row_stops_the_parse(tmp_path: Path) -> None:
    target = copy_fixtures(tmp_path)
    path = target / "constat_2020.csv"
    _edit(path, 10, lambda s: s.rsplit(";", 1)[0])
    with pytest.raises(SeedError, match=r"line 10: 3 fields where the header has 4"):
        list(activity.parse_constat(path, report(), everything))


def test_a_garbled_header_stops_the_parse(tmp_path: Path) -> None:
    target = copy_fixtures(tmp_path)
    path = target / "nMef.csv"
    _edit(path, 1, lambda s: s.replace("MEF_STAT_11", "MEF_STAT_1l"))
    with pytest.raises(SeedError, match=r"line 1 \(header\), field 'MEF_STAT_11'"):
        bcn.parse_mef(path, report())


def test_a_file_with_the_wrong_separator_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "constat_2020.csv"
    path.write_text(
        (FIX / path.name).read_text(encoding="utf-8-sig").replace(";", ","), encoding="utf-8"
    )
    with pytest.raises(SeedError, match="missing column"):
        list(activity.parse_constat(path, report(), everything))


def test_an_unknown_status_stops_the_parse(tmp_path: Path) -> None:
    target = copy_fixtures(tmp_path)
    path = target / "BTS_attractivite_capacite_2022.csv"
    _edit(path, 2, lambda s: s.replace(";Scolaire;", ";Alternance;"))
    with pytest.raises(SeedError, match=r"line 2, field 'STATUT': unknown status 'Alternance'"):
        list(activity.parse_bts(path, report(), everything))


def test_missing_nomenclature_is_an_error(tmp_path: Path) -> None:
    target = copy_fixtures(tmp_path)
    (target / "nFormationDiplome_.csv").unlink()
    with pytest.raises(SeedError, match="nFormationDiplome_.csv: file: missing"):
        parse_directory(target)


def test_missing_directories_still_import_the_establishments(tmp_path: Path) -> None:
    target = copy_fixtures(tmp_path)
    for name in (
        "fr-en-annuaire-education.csv",
        "CFASousConvRegionale_latest-UAI.csv",
        "fr-esr-principaux-etablissements-enseignement-superieur.csv",
        "fr-esr-parcoursup_extrait.csv",
    ):
        (target / name).unlink()
    d = parse_directory(target)
    e = d.establishments["0460010L"]
    assert not e.described and e.departement == "046" and e.region_code == "76"
    assert set(e.unknown_fields()) == {"name", "kind", "public", "commune", "coordinates"}
    assert d.coverage.unknown == d.coverage.uais_in_activity


# --- territory filter, coverage, provenance ------------------------------------------------


def test_departement_prefixes() -> None:
    assert departement_prefixes(["12", "46"]) == ["012", "046"]
    assert departement_prefixes(["2a", "971", "046"]) == ["02A", "046", "971"]
    assert departement_prefixes(None) is None
    with pytest.raises(ValueError, match="not a département"):
        departement_prefixes(["Lot"])


def test_departements_filter_territorial_files_only() -> None:
    d = parse_directory(FIX, ["12", "46"])
    assert {e.uai[:3] for e in d.establishments.values()} == {"012", "046"}
    assert len(d.diplomas) == 350  # the nomenclature is national: always read whole
    constat = next(r for r in d.reports if r.name == "constat_2020.csv")
    assert constat.filtered > 0


def test_coverage_of_the_fixture(data) -> None:
    cv = data.coverage
    assert cv.uais_in_activity == 49
    assert cv.described == {
        "fr-en-annuaire-education.csv": 41,
        "CFASousConvRegionale_latest-UAI.csv": 4,
    }
    assert cv.unknown == 4 and "0312550D" in cv.unknown_examples


def test_cfa_without_coordinates_are_placed_at_their_geonames_commune(data) -> None:
    e = data.establishments["0121440A"]  # CCI Aveyron CFA, Rodez
    assert e.described_by == ["CFASousConvRegionale_latest-UAI.csv"]
    assert e.coords == "commune" and e.lat is not None and e.insee == "12202"


def test_closed_diplomas_are_kept_and_marked(data) -> None:
    closed = [d for d in data.diplomas.values() if data.is_closed(d)]
    assert closed and all(d.closing_date <= data.closed_on for d in closed)
    # technicien outilleur -> TRPM option réalisation et maintenance des outillages
    assert ("40025107", "40025013") in data.lineage


def test_citations_carry_file_and_year() -> None:
    assert citation("attractivite_capacite_2022.csv", year=2022) == (
        "attractivite_capacite_2022.csv (Affelnet 2022, Éducation nationale)"
    )
    assert "état 2025-08-29" in citation("nFormationDiplome_.csv", as_of="2025-08-29")
    assert producer_of("communes_geonames.csv").licence.startswith("Creative Commons")  # type: ignore[union-attr]


@pytest.mark.skipif(not SLICE.is_dir(), reason="the public slice ../shared/opendata is absent")
def test_coverage_of_the_real_slice_matches_its_readme() -> None:
    d = parse_directory(SLICE)
    cv = d.coverage
    assert cv.uais_in_activity == 279
    assert cv.described == {
        "fr-en-annuaire-education.csv": 213,
        "CFASousConvRegionale_latest-UAI.csv": 23,
        "fr-esr-parcoursup_extrait.csv": 2,
    }
    assert cv.unknown == 41


def test_csv_spec_reports_every_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("A;B\n1;2\n", encoding="utf-8")
    with pytest.raises(SeedError, match="'C', 'D'"):
        read_table(path, CsvSpec("utf-8-sig", ";", ("A", "C", "D")))


def test_every_row_read_is_used_filtered_or_skipped(data) -> None:
    for rep in data.reports:
        if rep.family.startswith(("offers", "pupils")):
            assert rep.rows_used + rep.filtered + sum(rep.skipped.values()) == rep.rows_read


def test_parcoursup_names_get_their_accents_back() -> None:
    accented_name = directories.accented_name
    assert accented_name("Lycee Marcel Sembat") == "Lycée Marcel Sembat"
    assert accented_name("LYCEE GENERAL prive") == "LYCÉE GÉNÉRAL privé"
    assert accented_name("Universite Jean Monnet   Saint Etienne") == (
        "Université Jean Monnet Saint Étienne"
    )
    # a word that may be written without an accent is left as the file gives it
    assert accented_name("Lycee Auguste Comte") == "Lycée Auguste Comte"


def test_the_uais_of_corsica_give_its_departements() -> None:
    assert [departement_of_uai(u) for u in ("0460010L", "6200002K", "7200009X", "9710001X")] == [
        "046",
        "02A",
        "02B",
        "971",
    ]


def test_names_and_communes_read_with_one_space_between_words(tmp_path: Path) -> None:
    """The national files write « Lyon 8e  Arrondissement » (CFA list, GeoNames table) and
    « LYCEE  PROFESSIONNEL »: people read one space."""
    target = copy_fixtures(tmp_path)
    cfa = target / "CFASousConvRegionale_latest-UAI.csv"
    _edit(
        cfa,
        2,
        lambda s: ";".join(
            [
                *s.split(";")[:10],
                "Lyon 8e  Arrondissement",
                "CTRE  DE FORMATION",
                *s.split(";")[12:],
            ]
        ),
        encoding="latin-1",
    )
    rows = directories.parse_cfa(cfa, report(cfa.name), everything)
    row = rows["0120887Z"]
    assert row.commune == "Lyon 8e Arrondissement"
    assert "  " not in row.name and row.name.startswith("CTRE DE FORMATION")
    communes = target / "communes_geonames.csv"
    _edit(
        communes,
        2,
        lambda s: ";".join([s.split(";")[0], "Lyon 8e  Arrondissement", *s.split(";")[2:]]),
    )
    insee = (communes.read_text(encoding="utf-8-sig").split("\n")[1]).split(";")[0]
    parsed = directories.parse_communes(communes, report(communes.name))
    assert parsed[insee].name == "Lyon 8e Arrondissement"


def test_dates_read_again_give_the_same_and_a_bad_one_still_stops() -> None:
    """iso_date remembers the dates it read: the second reading of a cell text is the first's,
    and a text that is not a date stops the import every time, naming its own line."""
    f = Path("nFormationDiplome_.csv")
    for _ in range(2):
        assert iso_date("31/08/2025", f, 2, "DATE_FERMETURE") == "2025-08-31"
        assert iso_date(" 2025-08-31 ", f, 3, "DATE_OUVERTURE") == "2025-08-31"
        assert iso_date("45000", f, 4, "DATE_OUVERTURE") == "2023-03-15"
        assert iso_date("  ", f, 5, "DATE_FERMETURE") is None
    for line in (6, 7):
        with pytest.raises(SeedError) as exc:
            iso_date("31/02/2025", f, line, "DATE_FERMETURE")
        assert f"line {line}" in str(exc.value) and "DATE_FERMETURE" in str(exc.value)


def test_rows_the_import_does_not_need_are_filtered_with_their_reason() -> None:
    """nMef read 10 067 rows nationally and kept 1 080 with no word of the others; so did
    vFormationDiplome_ (1 960 of 11 261): the rows no activity file or offer needs are
    filtered, under a reason, and each file's row counts add up."""
    rep = report("nMef.csv")
    mef = bcn.parse_mef(FIX / "nMef.csv", rep, only={"32710013401", "23811021211"})
    assert set(mef) == {"32710013401", "23811021211"}
    assert rep.filtered == rep.left_out["MEF_STAT_11 named by no activity file"] > 0
    assert rep.unaccounted == 0 and rep.filtered_by_departement == 0
    rep = report("vFormationDiplome_.csv")
    vfd = bcn.parse_diplomas(FIX / "vFormationDiplome_.csv", rep, bcn.VFD, only=set())
    assert not vfd and rep.rows_used == 0
    assert rep.filtered == rep.left_out[bcn.NOT_NEEDED_DIPLOMA] == rep.rows_read
    assert rep.unaccounted == 0


def test_a_value_of_a_kept_row_is_not_counted_as_a_row() -> None:
    """nFormationDiplome_ counted 24 lineage codes the BCN lacks among its ignored rows, while
    it kept all 4 023 of its rows: the table said 4 023 read, 4 023 kept, 24 ignored."""
    rep = report("nFormationDiplome_.csv")
    rep.rows_read = rep.rows_used = 3
    rep.ignore_value("ANCIEN_DIPLOME_n names a code absent from the BCN files", 2)
    assert rep.unaccounted == 0 and not rep.skipped
    summary = ImportSummary("d", None, False, files=[rep])
    text = summary.format_text()
    assert "valeurs ignorées (leur ligne retenue) :" in text
    assert "1 × ANCIEN_DIPLOME_n nomme un code absent des fichiers de la BCN (par ex. ligne 2)" in (
        text
    )
    assert "3 retenues, 0 filtrées, 0 ignorées" in text.splitlines()[0]
