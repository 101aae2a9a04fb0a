"""What ``cmq`` prints for campus staff is French: every help page (argparse's own words too),
argparse's errors, and the end-of-import summary. Option and subcommand names, JSON keys and
exit codes stay as they were."""

from __future__ import annotations

import re

import pytest

from api.cli import build_parser, main
from graph.ingest.opendata.report import Coverage, FileReport, ImportSummary

# English words that appeared in the help pages and the summary before they were translated
ENGLISH = re.compile(
    r"\b(usage|options:|positional arguments|show this help|nodes|relationships|wrote|"
    r"would write|written|named by|located|coverage|establishments|rows|skipped|rejected|"
    r"file|directory|default|the|of|and|or|to|from|with|without|e\.g\.)\b",
    re.IGNORECASE,
)
# words kept on purpose: option names, metavars, subcommand names, file and variable names
KEPT = re.compile(r"--[\w-]+|\b[A-Z_]{2,}\b|\b[\w.-]+\.(md|csv|json|jsonl|toml)\b|\{[^}]*\}")


def _english(text: str) -> list[str]:
    return ENGLISH.findall(KEPT.sub(" ", text))


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main([*argv, "--help"])
    assert info.value.code == 0
    return capsys.readouterr().out


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


def test_the_main_help_page_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help([], capsys)
    assert text.startswith("utilisation : cmq")
    assert "affiche cette aide et quitte" in text
    assert _english(text) == []


@pytest.mark.parametrize("command", _commands())
def test_every_command_help_page_is_french(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _help([command], capsys)
    assert text.startswith(f"utilisation : cmq {command}")
    assert _english(text) == [], text


def test_argparse_errors_are_french_and_keep_exit_code_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv, said in (
        (["import"], "arguments requis : source, CHEMIN"),
        (["import", "nope", "x"], "choix invalide : 'nope' (choisir parmi 'opendata')"),
        (["actors", "--limit", "x"], "argument --limit : valeur invalide (int) : 'x'"),
        (["stats", "--bogus"], "arguments inconnus : --bogus"),
    ):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert "erreur :" in err and said in err, err
        assert "usage:" not in err


def test_the_import_summary_is_french() -> None:
    f = FileReport(name="nMef.csv", family="bcn", rows_read=12345, rows_used=12000)
    f.skip("exact duplicate row", 7)
    f.reject(40, "invalid UAI", "UAI", "088998SS")
    f.notes.append("une remarque")
    summary = ImportSummary(
        directory="/data",
        departements=["012"],
        dry_run=True,
        files=[f],
        nodes={
            "Actor": {"written": 3, "created": 2, "updated": 1, "seed": 1, "deleted": 0},
            "Job": {"written": 609, "created": 600, "updated": 9, "seed": 0, "deleted": 2},
        },
        relationships={"OFFERS": {"written": 5, "previous": 4}},
        coverage=Coverage(
            establishments=3,
            named_by={"UAI only": 1, "ACCE": 2},
            located_by={"establishment": 2, "unknown": 1},
            uais_in_activity=3,
            described={"ACCE": 2},
            with_coordinates={"with their own coordinates": 2, "without coordinates": 1},
            unknown=1,
        ),
        timings={"read": 1.0},
    )
    text = summary.format_text()
    for french in (
        "12\u202f345 lignes lues",
        "nœuds (seraient écrits) :",
        "relations (seraient écrits) :",
        "établissements : 3 ; nom tiré de ACCE 2, UAI seule 1",
        "  établissements        3 écrits : 2 créés, 1 mis à jour (1 nœuds des données des "
        "campus enrichis), 0 supprimés",
        # the ROME job reference the national import writes, counted as the other nodes
        "  métiers (ROME)      609 écrits : 600 créés, 9 mis à jour, 2 supprimés",
        "lignes rejetées (écartées, le reste importé) :",
        "nMef.csv : 1 × UAI invalide (lignes 40)",
        "nMef.csv : 1 × ligne en double exact (par ex. ligne 7)",
    ):
        assert french in text, text
    # the reasons are said in French (graph/ingest/opendata/reason_words.py)
    assert "invalid UAI" not in text and "exact duplicate row" not in text, text
    assert _english(text) == [], text
    # the JSON for machines keeps the rules' codes
    assert summary.to_dict()["files"][0]["rejected"] == {"invalid UAI": {"rows": 1, "lines": [40]}}
    # the JSON for machines keeps its keys
    assert set(summary.to_dict()) >= {"nodes", "relationships", "coverage", "rows_read"}
    assert summary.to_dict()["coverage"]["named_by"] == {"UAI only": 1, "ACCE": 2}


def test_errors_name_file_record_and_field_in_french() -> None:
    from api.cli import backup_error_fr, seed_error_fr
    from graph.errors import SeedError
    from graph.ingest.backup import BackupError

    said = seed_error_fr(SeedError("/d/nMef.csv", "line 1 (header)", "MEF", "missing column"))
    assert said == "/d/nMef.csv : ligne 1 (en-tête), champ 'MEF' : missing column"
    said = seed_error_fr(SeedError("/d/x.csv", "file", None, "2 lignes rejetées"))
    assert said == "/d/x.csv : fichier : 2 lignes rejetées"
    said = seed_error_fr(SeedError("mini.toml", "offers[0]", None, "bad"))
    assert said == "mini.toml : offers[0] : bad"
    assert backup_error_fr(BackupError("unknown", line=3, field="label")) == (
        "ligne 3, champ 'label' : unknown"
    )


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("alternance", "apprenticeship"),
        ("Apprentissage", "apprenticeship"),
        ("scolaire", "school"),
        ("continue", "continuing"),
        ("formation continue", "continuing"),
        ("toutes", "any"),
        ("apprenticeship", "apprenticeship"),  # the API's values still
    ],
)
def test_pathways_modality_takes_the_french_words_the_api_takes(given: str, read: str) -> None:
    # only school / apprenticeship / continuing / any were accepted before
    args = build_parser().parse_args(["pathways", "--from", "40025005", "--modality", given])
    assert args.modality == read


def test_an_unknown_modality_is_said_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["pathways", "--from", "40025005", "--modality", "bof"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "voie inconnue « bof » : scolaire, apprentissage (ou alternance)" in err, err


def test_a_pathway_question_reads_toutes_as_any_with_the_same_parser() -> None:
    from graph.pathways.request import PathwayRequest

    # « toutes » was refused (only the API's « any » was read as every modality)
    assert PathwayRequest(from_level=3, to_level=4, modality="toutes").modality == "any"
    assert PathwayRequest(from_level=3, to_level=4, modality="alternance").modality == (
        "apprenticeship"
    )
