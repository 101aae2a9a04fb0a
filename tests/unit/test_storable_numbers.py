"""Numbers no engine can store are refused by validation, naming the record (``cmq validate``
accepted integers of 2^63 and more, which ``cmq load`` then refused without saying where)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.cli import main
from graph.errors import SeedError
from graph.ingest.seeds import load_seed_dir
from tests.conftest import MINI_SEEDS


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(MINI_SEEDS, target)
    path = target / "mini.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("new", "record", "field"),
    [
        ("capacity = 9223372036854775808", "offers[0]", "capacity"),
        ("capacity = -9223372036854775809", "offers[0]", "capacity"),
        ("capacity = inf", "offers[0]", "capacity"),
        ("capacity = nan", "offers[0]", "capacity"),
    ],
)
def test_unstorable_numbers_name_their_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new: str, record: str, field: str
) -> None:
    seeds = _copy_with(tmp_path, "capacity = 24", new)
    with pytest.raises(SeedError) as info:
        load_seed_dir(seeds)
    assert info.value.record.startswith(record) and info.value.field == field
    assert main(["validate", str(seeds)]) == 2
    err = capsys.readouterr().err
    assert "mini.toml" in err and record in err and field in err


def test_the_largest_64_bit_integer_is_storable(tmp_path: Path) -> None:
    seeds = _copy_with(tmp_path, "capacity = 24", "capacity = 9223372036854775807")
    assert load_seed_dir(seeds).files
