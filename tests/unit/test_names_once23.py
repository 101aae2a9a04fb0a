"""The name rules of the places worker cheap again (docs/performance.md, import23): the CFA
list's whole words found by a sorted search (cfa_names.whole_words: every word was compared
with every end, ~0.3 s of the national import), and name_case.title_words reading each word
once per import (its ``memo``); the same results as the rules written plainly."""

from __future__ import annotations

import builtins
import random
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.ingest.opendata import cfa_names, name_case
from graph.ingest.opendata.cfa_names import COLUMN_WIDTH, SMALL_WORDS, whole_words
from graph.text import normalise


def _whole_words_plainly(values: Iterable[str]) -> frozenset[str]:
    """:func:`whole_words` as answers22 wrote it: every word of the values read for each end."""
    words: set[str] = set()
    ends: set[str] = set()
    for value in values:
        said = value.upper().split()
        if not said:
            continue
        if len(value.rstrip()) < COLUMN_WIDTH:
            words.update(said)
            ends.update((said[-1], said[-1].rsplit("-", 1)[-1]))
        else:
            words.update(said[:-1])
    return frozenset(
        w
        for w in ends
        if len(w.strip(".'-")) > 1
        and w.lower() not in SMALL_WORDS
        and not any(o != w and o.startswith(w) and o[len(w)] != "-" for o in words)
    )


_VALUE = st.lists(st.text(alphabet="ABE-' ", min_size=0, max_size=8), min_size=0, max_size=6).map(
    " ".join
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_VALUE, max_size=10))
def test_whole_words_are_the_plain_rule_s(values: list[str]) -> None:
    assert whole_words(values) == _whole_words_plainly(values)


def test_whole_words_prefixes_and_hyphens() -> None:
    values = [
        "CFA DU LOIR",
        "PAYS DE LA LOIRE",
        "ARTS DE PARIS",
        "PARIS-IDF",
        "LOIR-ET-CHER",
        "CFA BTP LOIR",
        "X" * COLUMN_WIDTH + " LOIRET",
        "CFA DE BLOIS",
    ]
    assert whole_words(values) == _whole_words_plainly(values)
    assert "LOIR" not in whole_words(values)  # « LOIRE » begins with it
    assert "PARIS" in whole_words(values)  # « PARIS-IDF »: a compound, not a longer word


class _Counted(list[str]):
    """A list that counts its items read (bisect and the scan of the words after an end)."""

    reads = 0

    def __getitem__(self, i):
        _Counted.reads += 1
        return super().__getitem__(i)


def test_whole_words_reads_each_end_s_neighbours_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each end is compared with the words sorted next to it, not with every word: 2 000
    distinct words and as many ends cost some ten thousand reads, not four million."""
    rnd = random.Random(23)
    values = ["CFA " + "".join(rnd.choice("ABCDEFGHIJ") for _ in range(8)) for _ in range(2000)]
    _Counted.reads = 0
    # the module's ``sorted`` (a global name first): the list it sorts the words into
    monkeypatch.setattr(
        cfa_names, "sorted", lambda xs: _Counted(builtins.sorted(xs)), raising=False
    )
    got = whole_words(values)
    assert got == _whole_words_plainly(values)
    assert 0 < _Counted.reads < 60_000


NAMES = [
    "Lycée Des Métiers Du Batiment",
    "Lycée Frederic Et Irene Joliot Curie",
    "Lycée La Fayette",
    "Des Lycées",
    "Lycée Du Guesclin",
    "Lycée professionnel Des Métiers De L'Hôtellerie",
    "Lycée Frédéric Mistral",
    "Lycée des métiers du bâtiment",
    "Lycée Irène Joliot-Curie",
]


def test_title_words_with_a_memo_are_the_same_and_fold_each_word_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words = name_case.vocabulary(
        [
            "Lycée des métiers du bâtiment",
            "Lycée Frédéric Mistral",
            "Lycée Irène Joliot-Curie",
            "Lycée professionnel des métiers de l'hôtellerie",
        ]
    )
    alone = [name_case.title_words(n, words) for n in NAMES]
    folded: list[str] = []
    real = normalise

    def counting(text: str) -> str:
        folded.append(text)
        return real(text)

    monkeypatch.setattr(name_case, "normalise", counting)
    memo: name_case.WordMemo = {}
    assert [name_case.title_words(n, words, memo) for n in NAMES] == alone
    assert alone[0] == "Lycée des métiers du bâtiment"
    assert alone[1] == "Lycée Frédéric et Irène Joliot Curie"
    # every word of the names folded once, however often the names repeat it
    assert sorted(folded) == sorted(set(folded))
    assert [name_case.title_words(n, words, memo) for n in NAMES] == alone
    assert len(folded) == len(set(folded))
