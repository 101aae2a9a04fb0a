"""BCN codes that only support apprenticeship MEFs are no diplomas (answers20).

`from_level=5&to_type=ingenieur&departements=21` named « Formations générales (ING) » as a goal
the Côte-d'Or does not offer: 17010999 is one of the 135 codes of nFormationDiplome_ whose
N_COMMENTAIRE is « Support pour mefs apprentissage » (one per NSF field and type: ING, LIC PRO,
master, TH1–TH5), which 47 inferred legs reached as if it were a school's diploma. The fixture
(``tests/fixtures/bcn_support/``) holds the national rows of 17010999, 25032999 (« COMMUNICATION
ET INFORMATION (LIC PRO) ») and two real BTS codes.
"""

from __future__ import annotations

from pathlib import Path

from graph.ingest.opendata.bcn import SUPPORT_CODE, is_support_code, parse_diplomas
from graph.ingest.opendata.report import FileReport

FILE = Path(__file__).resolve().parents[1] / "fixtures" / "bcn_support" / "nFormationDiplome_.csv"


def test_support_codes_are_left_out_and_said() -> None:
    report = FileReport(FILE.name, "diplomas (BCN)")
    diplomas = parse_diplomas(FILE, report)
    assert set(diplomas) == {"32032612", "32032613"}
    assert report.rows_read == 4 and report.rows_used == 2
    assert SUPPORT_CODE in repr(vars(report)), vars(report)


def test_only_the_files_comment_makes_a_support_code() -> None:
    assert is_support_code("Support pour mefs apprentissage")
    assert is_support_code("SUPPORT POUR MEFS APPRENTISSAGE")
    # other « support » comments of the BCN are kept as they are (academic MEFs of real CAP)
    assert not is_support_code("Support créé par groupe de spécialités pour Mef académiques CAP")
    assert not is_support_code("")
