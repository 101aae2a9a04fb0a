"""The places worker's work done once per distinct value, within one import only
(graph/ingest/opendata/plan.py ``_establishments``, name_case.vocabulary; docs/performance.md,
import21)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from graph import communes as communes_ref
from graph.ingest.opendata import name_case, places, plan
from graph.ingest.opendata.ahead import Ahead
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import EstablishmentRow
from graph.models import ActorKind
from graph.text import normalise


def _vocabulary_word_by_word(names: list[str]) -> dict[str, str]:
    """:func:`name_case.vocabulary` as it was written before: every word judged and folded."""
    seen: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for name in names:
        for w in name_case._WORD.findall(name):
            if len(w) >= 2 and not name_case._capitals(w):
                seen[normalise(w)][w] += 1
    return {k: c.most_common(1)[0][0] for k, c in seen.items()}


def test_the_vocabulary_is_the_word_by_word_one() -> None:
    names = [
        "Lycée Jean ZAY",
        "lycee professionnel Théodore Monod",
        "LYCEE THEODORE MONOD",
        "Collège a B c Zay zay ZAY",
        "Lycée d'Arsonval, Lycee d'Arsonval",
        "Ecole Saint-Étienne École",
        "I.U.T. de Metz",
        "",
    ]
    got = name_case.vocabulary(names)
    assert got == _vocabulary_word_by_word(names)
    assert got["lycee"] == "Lycée"  # ties: the first met
    assert "zay" in got and got["zay"] in ("Zay", "zay")


def _row(uai: str, name: str, **fields: Any) -> EstablishmentRow:
    return EstablishmentRow(
        line=2, uai=uai, file="f.csv", name=name, kind=ActorKind.LYCEE, **fields
    )


def _establishments(rows: list[EstablishmentRow]) -> dict[str, plan.Establishment]:
    return plan._establishments([{r.uai: r for r in rows}], ["f.csv"], set(), {}, {}, {})


def test_a_commune_s_names_are_read_once_per_import_and_again_by_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: Counter[str] = Counter()

    def official_name(code: str) -> str | None:
        calls[code] += 1
        return {"35238": "Rennes", "29019": "Brest"}.get(code)

    monkeypatch.setattr(communes_ref, "official_name", official_name)
    rows = [
        _row("0350001A", "Lycée Victor et Hélène Basch rennes", insee="35238", commune="RENNES"),
        _row("0350002B", "Lycée Bréquigny", insee="35238", commune="Rennes"),
        _row("0290003C", "Lycée de l'Harteloire BREST", insee="29019", commune="Brest"),
    ]
    got = _establishments(rows)
    assert got["0350001A"].name == "Lycée Victor et Hélène Basch Rennes"
    assert got["0290003C"].name == "Lycée de l'Harteloire Brest"
    # each of a commune's labels spelt once (Rennes: two), its name read once (one each per
    # establishment before: Rennes 4)
    assert calls == Counter({"35238": 3, "29019": 2})
    _establishments(rows)  # a new import reads them again (nothing kept between imports)
    assert calls == Counter({"35238": 6, "29019": 4})


def test_the_nearest_centre_is_searched_only_for_an_establishment_a_contour_does_not_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    searched: list[tuple[float, float, str]] = []
    commune = communes_ref.Commune(
        "35238",
        "Rennes",
        "COM",
        None,
        ("35000",),
        "35",
        "Ille-et-Vilaine",
        "53",
        "Bretagne",
        220_000,
        48.11,
        -1.68,
        "mairie",
    )

    def nearest(lat: float, lon: float, departement: str) -> communes_ref.Commune | None:
        searched.append((lat, lon, departement))
        return commune

    def contained(lat: float, lon: float, departement: str) -> Any:
        return (commune, True) if lat > 48 else None  # clear inside Rennes's contour

    monkeypatch.setattr(plan, "nearest_commune", nearest)
    monkeypatch.setattr(plan, "contained_commune", contained)
    monkeypatch.setattr(plan, "other_centre_km", lambda *a: None)
    got = _establishments(
        [
            _row("0350001A", "Lycée A", departement="035", lat=48.1, lon=-1.7),
            _row("0350002B", "Lycée B", departement="035", lat=47.9, lon=-1.7),
        ]
    )
    assert (got["0350001A"].insee, got["0350001A"].commune_from) == ("35238", "contour")
    assert got["0350002B"].insee == "35238"
    assert searched == [(47.9, -1.7, "035")]


def test_the_directories_read_ahead_search_no_nearest_centre(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The establishments a Parcoursup extract places by their position alone are placed when
    the directories are united (above), not searched for while the Annuaire waits (3 982
    nationally, where ~560 are needed)."""
    searched: list[tuple[float, float, str]] = []
    monkeypatch.setattr(plan, "nearest_commune", lambda *key: searched.append(key))
    monkeypatch.setattr(plan, "_esr", lambda *a: [])
    monkeypatch.setattr(plan, "_cfas", lambda *a: [])
    row = _row("0350001A", "Lycée A", departement="035", lat=48.1, lon=-1.7)
    extract: Ahead[Any] = Ahead(
        ({row.uai: row}, []), None, tmp_path / "p.csv", "Parcoursup", FileReport("p.csv", "x")
    )
    monkeypatch.setattr(plan, "_parcoursups", lambda *a: [extract])
    read = places.read_ahead(tmp_path, plan.keeper(None), False)
    assert read.parcoursups == [extract]
    assert searched == []
