"""Seed validation: every error names the file, the record and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import SeedError
from graph.ingest.seeds import load_seed_dir
from tests.conftest import MINI_SEEDS


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(MINI_SEEDS, target)
    path = target / "mini.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_mini_fixture_is_valid() -> None:
    seeds = load_seed_dir(MINI_SEEDS)
    assert set(seeds.actors) == {"lycee-a", "iut-b", "ecole-c", "entreprise-d"}
    assert set(seeds.diplomas) == {"40025005", "32025002", "T-LP", "T-ING"}


@pytest.mark.parametrize(
    ("old", "new", "record", "field", "message"),
    [
        ('kind = "iut"', 'kind = "college"', "actors[1] (id=iut-b)", "kind", "Input should be"),
        ("level = 5", "level = 11", "diplomas[1] (code=32025002)", "level", "less than or equal"),
        ('diploma = "T-LP"', 'diploma = "T-NOPE"', "offers[2]", "diploma", "unknown diploma"),
        ('site = "81004"', 'site = "81999"', "actors[2] (id=ecole-c)", "site", "unknown site"),
        (
            "entrant_share = 0.7",
            "entrant_share = 70",
            "passerelles[0] (id=p-bac-bts)",
            "entrant_share",
            "less than or equal",
        ),
        (
            'source = "test fixture"\n\n[[sites]]',
            'sourse = "x"\n\n[[sites]]',
            "sectors[0] (id=usinage)",
            None,
            "Field required",
        ),
        ('b = "entreprise-d"', 'b = "lycee-a"', "partnerships[0]", "b", "itself"),
    ],
)
def test_invalid_record_names_file_record_field(
    tmp_path: Path, old: str, new: str, record: str, field: str | None, message: str
) -> None:
    seeds = _copy_with(tmp_path, old, new)
    with pytest.raises(SeedError) as info:
        load_seed_dir(seeds)
    err = info.value
    assert err.path.name == "mini.toml"
    assert err.record.startswith(record)
    if field is not None:
        assert err.field == field
    assert message in err.message
    assert "mini.toml" in str(err) and record.split(" ")[0] in str(err)


def test_invalid_toml_names_the_file_and_line(tmp_path: Path) -> None:
    seeds = _copy_with(tmp_path, 'name = "Campus test"', 'name = "Campus test')
    with pytest.raises(SeedError, match=r"mini\.toml: file: invalid TOML: .*line 4"):
        load_seed_dir(seeds)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    seeds = _copy_with(tmp_path, 'id = "iut-b"', 'id = "lycee-a"')
    with pytest.raises(SeedError, match="duplicate id"):
        load_seed_dir(seeds)


def test_conflicting_definitions_across_files_are_refused(tmp_path: Path) -> None:
    seeds = _copy_with(tmp_path, "x", "x")
    (seeds / "other.toml").write_text(
        '[campus]\nid = "mini2"\nname = "Autre"\nshort_name = "Autre"\nindustry = "x"\n'
        'source = "test fixture"\n\n[[diplomas]]\ncode = "32025002"\nname = "BTS autre nom"\n'
        'type = "bts"\nlevel = 5\nsource = "test fixture"\n',
        encoding="utf-8",
    )
    with pytest.raises(SeedError, match="conflicts with the definition of '32025002'"):
        load_seed_dir(seeds)


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="no \\*.toml seed file"):
        load_seed_dir(tmp_path)


def test_a_sector_id_of_two_files_is_refused_not_merged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two campuses' files giving one sector id merged into one node that cited the first
    file only (the Campus Numérique's « Numérique » cited the Auto'Mobilités interview): the
    load refuses it, naming the file, the record and the field (``cmq validate`` too)."""
    from api.cli import main

    seeds = _copy_with(tmp_path, "x", "x")
    (seeds / "other.toml").write_text(
        '[campus]\nid = "mini2"\nname = "Autre"\nshort_name = "Autre"\nindustry = "x"\n'
        'source = "autre document"\n\n[[sectors]]\nid = "usinage"\nname = "Usinage"\n'
        'rome = ["H2903"]\nsource = "autre document"\n',
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as info:
        load_seed_dir(seeds)
    err = info.value
    assert err.path.name == "other.toml"
    assert err.record == "sectors[0] (id=usinage)"
    assert err.field == "id"
    assert "mini.toml" in err.message
    assert main(["validate", str(seeds)]) == 2
    said = capsys.readouterr().err
    assert "other.toml" in said and "sectors[0] (id=usinage)" in said and "id" in said


def test_each_campus_filiere_cites_its_own_document() -> None:
    """The Campus Numérique's « Numérique » cites its document, not Auto'Mobilités'."""
    from tests.conftest import SEEDS

    seeds = load_seed_dir(SEEDS)
    for path, sf in seeds.files.items():
        for sec in sf.sectors:
            assert seeds.sectors[sec.id].source == sec.source, (path.name, sec.id)
    assert seeds.sectors["digital"].source.startswith("003_")
