"""Every path of the OpenAPI document is named in the README's « HTTP API » and « Editing »
sections."""

from __future__ import annotations

import re
from pathlib import Path

from api.main import create_app
from tests.conftest import make_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### HTTP API")
    return text[start : text.index("\n### Command line", start)]


def _shape(path: str) -> str:
    """/v1/campuses/{campus_id} -> /campuses/{}: the README names parameters its own way."""
    return re.sub(r"\{[^}]*\}", "{}", path.removeprefix("/v1"))


def test_every_openapi_path_is_in_the_readme(tmp_path: Path) -> None:
    paths = create_app(make_settings(tmp_path / "db")).openapi()["paths"]
    named = {_shape(p) for p in re.findall(r"/[a-z][\w./{}-]*", _section())}
    missing = sorted(p for p in map(_shape, paths) if p not in named)
    assert not missing, f"not in the README's endpoint list: {missing}"
