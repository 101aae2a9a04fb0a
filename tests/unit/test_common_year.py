"""The common-year test (graph/diploma_names.py) searches only the texts that hold one of the
words every match holds: the same answer as searching every text."""

from __future__ import annotations

import random
from pathlib import Path

from graph.diploma_names import COMMON_YEAR, is_common_year
from graph.ingest.seeds import load_seed_dir

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"

_PIECES = [
    "1ERE", "1E", "PREMIERE", "2NDE", "SECONDE", "ANNEE", "COMMUNE", "DE", "CAP", "BTS",
    "(SEC PRO AG)", "SEC", "PRO", "AG", "(", ")", "BAC PRO", "MAINTENANCE", "ELECTROTECHNIQUE",
    "1ère", "année", "ſeconde", "(ſec pro ag)", "communes", "ANNEES", "  ", "\t",
]  # fmt: skip


def _text(rng: random.Random) -> str:
    words = [rng.choice(_PIECES) for _ in range(rng.randint(1, 6))]
    text = " ".join(w.lower() if rng.random() < 0.3 else w for w in words)
    return text.replace("s", "ſ") if rng.random() < 0.1 else text


def test_the_common_year_test_answers_as_the_search_of_every_text() -> None:
    """Every seed diploma's texts and 20 000 made of the expression's words in any case (the
    long s that re.IGNORECASE takes for an S too): a text left unsearched never matches."""
    rng = random.Random(103)
    rows = [
        {"name": d.name, "official_name": getattr(d, "official_name", None)}
        for sf in load_seed_dir(SEEDS_DIR).files.values()
        for d in sf.diplomas
    ]
    rows += [
        {"official_name": _text(rng), "source_name": _text(rng), "name": _text(rng)}
        for _ in range(20_000)
    ]
    matched = 0
    for d in rows:
        every = any(
            COMMON_YEAR.search(str(d.get(k) or ""))
            for k in ("official_name", "source_name", "name")
        )
        assert is_common_year(d) == every, d
        matched += every
    assert matched > 1_000  # the texts do hold common years
    assert is_common_year({"name": "SERVICES AUX PERSONNES (ſec pro ag)"})
