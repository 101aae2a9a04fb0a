"""The API writes every département as the INSEE code (answers20).

The graph stores a département on three characters (« 035 », « 02A », « 971 ») and the API
wrote that form, so map clients joining on INSEE codes (« 35 », « 2A ») missed them; the
derived commune file gave Ajaccio and Bastia the annuaire's « 620 » / « 720 ». One pure
function writes them (graph.departements.insee_departement), the import reads the files' forms
into the stored one (stored_departement), and the filters still take both forms.
"""

from __future__ import annotations

import pytest

from graph.departements import insee_departement
from graph.ingest.opendata.values import stored_departement
from graph.models import departement_code
from graph.territory import parse_departements
from graph.views import CampusBase, SiteOut


@pytest.mark.parametrize(
    ("stored", "insee"),
    [
        ("035", "35"),  # metropolitan
        ("006", "06"),
        ("075", "75"),
        ("02A", "2A"),  # Corse
        ("02B", "2B"),
        ("620", "2A"),  # the annuaire's old numbers of Corse
        ("720", "2B"),
        ("971", "971"),  # DROM
        ("974", "974"),
        ("976", "976"),
        ("987", "987"),  # a collectivity
        ("35", "35"),  # already INSEE
        ("2a", "2A"),
    ],
)
def test_the_insee_form(stored: str, insee: str) -> None:
    assert insee_departement(stored) == insee


def test_the_import_reads_the_files_forms_into_the_stored_one() -> None:
    assert [stored_departement(v) for v in ("035", "35", "620", "720", "02A", "974")] == [
        "035",
        "035",
        "02A",
        "02B",
        "02A",
        "974",
    ]


def test_answers_write_insee_codes_and_keep_the_stored_form_inside() -> None:
    site = SiteOut(insee="2A004", name="Ajaccio", departement="02A", source="COG", actors=8)
    assert site.model_dump(mode="json")["departement"] == "2A"
    assert site.departement == "02A"  # the code's own comparisons keep the stored form
    campus = CampusBase.model_validate(
        {
            "id": "c",
            "name": "C",
            "short_name": "C",
            "industry": "i",
            "source": "s",
            "departements": ["035", "971", "02B"],
        }
    )
    assert campus.model_dump(mode="json")["departements"] == ["35", "971", "2B"]


def test_filters_take_both_forms() -> None:
    assert departement_code("35") == departement_code("035") == "035"
    assert departement_code("2A") == departement_code("02A") == "02A"
    assert parse_departements("35,974,2b") == parse_departements("035,974,02B")
