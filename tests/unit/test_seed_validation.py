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
