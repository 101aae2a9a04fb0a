"""The seeds' French texts read as French: no code, no field name, no id, no English word.

Users read the descriptions, conditions, notes and facts of the seed files as they are (actor
and passerelle pages, pathway explanations). A description once said « `from` liste les BTS et
DUT du campus » (the passerelle mv-bac2-vers-ingenieur-mines-albi-apprentissage): a field name
in backticks; another « offre au statut planned » and « (voir mv-bac2-vers-…) ».
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# the keys whose values are French sentences or names read by users
TEXT_KEYS = frozenset(
    {"description", "conditions", "name", "short_name", "note", "text", "local_training_note"}
)

# words of the seed schema and the API (field names and values) and English words a French
# sentence never holds; « Master of Science » is the name of a programme, not English prose
_PROPER = re.compile(r"Master of Science|Supply Chain And LEan management")
_CODE = re.compile(
    r"`|\b(from|to|planned|open|closed|renewed|school|apprenticeship|continuing|scope|parties"
    r"|status|kind|modality|level|levels|offer|offers|seed|seeds|field|null|true|false|None"
    r"|TODO|the|and|of|with|label_status|campus_role|region_code)\b"
)


def _texts(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v, key)
    elif isinstance(node, str) and key in TEXT_KEYS:
        yield key, node


def _ids(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for v in node.values():
            yield from _ids(v)
    elif isinstance(node, list):
        for v in node:
            yield from _ids(v)


def _words_of_code(text: str, ids: set[str]) -> list[str]:
    prose = _PROPER.sub("", text)
    found = [m.group(0) for m in _CODE.finditer(prose)]
    # an id with two hyphens or more (« mv-bac2-vers-… », « lycee-champollion-figeac »): not a
    # French compound word such as « machine-outil »
    found += [i for i in ids if i.count("-") >= 2 and i in prose]
    return found


SEED_FILES = sorted(SEEDS.glob("*.toml"))


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.name for p in SEED_FILES])
def test_the_seeds_french_texts_hold_no_code(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    ids = {i for p in SEED_FILES for i in _ids(tomllib.loads(p.read_text(encoding="utf-8")))}
    bad = [
        (key, words, text[:120])
        for key, text in _texts(data)
        if (words := _words_of_code(text, ids))
    ]
    assert bad == []


@pytest.mark.parametrize(
    "text",
    [
        "`from` liste les BTS et DUT du campus",
        "Passerelle PRÉVUE (projet déposé, offre au statut planned)",
        "(voir mv-bac2-vers-ingenieur-mines-albi-apprentissage)",
        "level 7 retenu par analogie",
    ],
)
def test_the_check_sees_code_in_a_sentence(text: str) -> None:
    ids = {"mv-bac2-vers-ingenieur-mines-albi-apprentissage"}
    assert _words_of_code(text, ids)


def test_the_check_lets_french_pass() -> None:
    text = "Les industries mécaniques (machine-outil) ; Master of Science enseigné en anglais"
    assert _words_of_code(text, {"lycee-champollion-figeac"}) == []
