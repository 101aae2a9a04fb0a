"""A BCN stand-in for « formation non spécifiée » (99999999) is no start of a pathway: it
answered 200 with no pathway and a long notice; it is refused in French (422)."""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import InvalidRequest
from graph.pathways.request import resolve_start


class _Data:
    """The only part of the pathway cache resolve_start reads for a code."""

    def __init__(self, rows: dict[str, dict[str, Any]]) -> None:
        self.rows = rows

    def diplomas(self, store: object, codes: list[str]) -> dict[str, dict[str, Any]]:
        return {c: self.rows[c] for c in codes if c in self.rows}


def test_a_not_specified_programme_is_refused_as_a_start() -> None:
    data = _Data(
        {
            "99999999": {"code": "99999999", "name": "Formation NON specifiee", "type": "other"},
            "32022999": {
                "code": "32022999",
                "name": "Spécialité non spécifiée du domaine : 22",
                "type": "bts",
                "level": 5,
            },
            "40025012": {"code": "40025012", "name": "Maintenance", "type": "bac_pro"},
        }
    )
    for code in ("99999999", "32022999"):
        with pytest.raises(InvalidRequest) as err:
            resolve_start(None, code=code, level=None, sector=None, data=data)  # type: ignore[arg-type]
        assert "formation non spécifiée" in str(err.value) and code not in str(err.value)
    codes, _ = resolve_start(None, code="40025012", level=None, sector=None, data=data)  # type: ignore[arg-type]
    assert codes == ["40025012"]
