"""Overseas establishments are filed under their commune's INSEE code (987 Polynésie, 988
Nouvelle-Calédonie, 978 Saint-Martin, 977 Saint-Barthélemy), not their UAI's prefix (984, 983,
971), when their commune is known."""

from __future__ import annotations

from graph.ingest.opendata.plan import _establishments
from graph.ingest.opendata.rows import EstablishmentRow
from graph.models import ActorKind


def _one(**fields: object) -> str:
    row = EstablishmentRow.model_validate(
        {
            "uai": "9710001X",
            "file": "f.csv",
            "line": 2,
            "name": "Lycée",
            "kind": ActorKind.LYCEE,
            **fields,
        }
    )
    got = _establishments([{row.uai: row}], ["f.csv"], set(), {}, {}, {})
    return got[row.uai].departement


def test_a_commune_overseas_names_the_collectivity() -> None:
    # Saint-Martin's and Saint-Barthélemy's lycées carry Guadeloupe's UAI prefix
    assert _one(uai="9711082A", insee="97801", departement="971") == "978"
    assert _one(uai="9711083B", insee="97701") == "977"
    assert _one(uai="9830445S", insee="98818") == "988"
    # a département's own commune, and mainland: unchanged
    assert _one(uai="9710002Y", insee="97101", departement="971") == "971"
    assert _one(uai="0460010L", insee="46102") == "046"
    # no commune: the UAI's prefix, as before
    assert _one(uai="9870001M") == "987"


def test_a_polynesian_uai_without_commune_is_filed_under_polynesia() -> None:
    """34 establishments of Polynesia (UAI 984…) kept 984 — the Terres australes et
    antarctiques françaises — because the commune reference has no centre there, so no
    commune was found from their position. 984 is Polynesia's UAI prefix."""
    assert _one(uai="9840002E") == "987"  # Lycée Paul Gauguin (Papeete), no commune in the files
    assert _one(uai="9840349G", insee="98738") == "987"  # the university, in Punaauia
