"""tester25's pathway findings, on each real engine, over a cut of the national files
(``tests/fixtures/opendata_fixes25/``):

- the last exam session is the BCN's DATE_DERNIERE_SESSION, not the closing day's year;
- a diploma whose first course year nMef closed is said closed as a fact (« plus d'entrée
  possible en 2de … ») and ranks after the open ones (Lille, N4101);
- the step says its entry through a 2de commune, or in 1re pro, as the web page does; the 2de
  commune and a Bac pro entered through it at the same lycée are said one way in (Toulon);
- the partial answer from a level in a field names the goals of that field only (Toulon);
- a field asked with a start above the end of 3e: a refusal that says what to change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, SEEDS, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_fixes25"
CTRM = "40031107"  # Bac pro conducteur transport routier marchandises: 2de pro closed 2025
CAP_CRM = "50031117"  # CAP conducteur routier marchandises: last session 2026
MV_A = "40025214"  # Bac pro MV option A: closes 31/08/2028, last session 2027
CAP_MV_A = "50025218"  # its CAP: closes 31/08/2027
COMMON_ALIM = "40022107"  # 2de commune « Métiers de l'alimentation »
BOULANGER = "40022105"  # Bac pro boulanger pâtissier, entered through it

client = imported_client_fixture(FIXTURE, seeds=SEEDS, as_of=FIXED_DAY)


def _get(client: TestClient, **params: Any) -> dict[str, Any]:
    got = client.get("/v1/pathways", params=params)
    assert got.status_code == 200, got.text
    body: dict[str, Any] = got.json()
    return body


def _step_text(path: dict[str, Any], code: str) -> str:
    i = next(i for i, s in enumerate(path["steps"]) if s["code"] == code)
    said: str = path["score"]["explanation"][-(len(path["steps"]) - i)]
    assert said.startswith(f"Étape {i} : "), said
    return said


def test_the_diploma_records_its_closed_entry(client: TestClient) -> None:
    """The import keeps the day nMef closes every first year of the diploma (both engines)."""
    got = _get(client, from_level=2, to=CTRM, departements="59")
    paths = [p for p in got["pathways"] if p["steps"][1]["code"] == CTRM]
    assert paths, got
    said = _step_text(paths[0], CTRM)
    assert "plus d'entrée possible en 2de professionnelle depuis la rentrée 2025" in said, said
    assert "sans doute" not in said, said
    assert_plain_french([said])


def test_a_closed_entry_is_said_on_every_pathway_to_it(client: TestClient) -> None:
    """Lille, a 3e pupil to the job of lorry driver (N4101): the Bac pro CTRM, whose 2de
    nobody enters since 2025, ranked first « sans doute … ». Every pathway the files hold
    now says its closed entry as a fact, the CAP → 1re pro of it too (closed since 2026)."""
    got = _get(client, from_level=2, job="N4101", home="Lille", departements="59")
    assert got["pathways"], got
    for p in got["pathways"]:
        said = " ".join(p["score"]["explanation"])
        assert "plus d'entrée possible" in said and "sans doute" not in said, said
    assert_plain_french([t for p in got["pathways"] for t in p["score"]["explanation"]])


def test_a_closed_entry_ranks_after_the_open_ones(client: TestClient) -> None:
    """From the end of 3e to level 3 or more in the Nord: the pathways into a diploma closed
    to new pupils (the Bac pro CTRM, the Bac pro MV option A…) come after the open ones
    whatever their score, and the answer says so when it moved them. After every open one,
    not only after those of the page (tester26: the order depended on the limit): the first 10
    of a limit of 50 are the answer with a limit of 10."""
    got = _get(client, from_level=2, to_level=3, departements="59", limit=50)
    codes = [[s["code"] for s in p["steps"][1:]] for p in got["pathways"]]
    texts = [" ".join(p["score"]["explanation"]) for p in got["pathways"]]
    closed = [i for i, t in enumerate(texts) if "plus d'entrée possible" in t]
    opened = [i for i in range(len(codes)) if i not in closed]
    assert any(CTRM in codes[i] for i in closed), codes
    assert opened and closed and max(opened) < min(closed), codes
    ten = _get(client, from_level=2, to_level=3, departements="59", limit=10)
    assert [[s["code"] for s in p["steps"][1:]] for p in ten["pathways"]] == codes[:10]
    notices = [n for n in got["notices"] if "n'accueille plus d'élèves" in n]
    for n in notices:
        assert "classé" in n and "quel que soit" in n, n
    # the « would rank first with its address » notice no longer names a closed one
    assert not any("passerait devant" in n and "conducteur" in n for n in got["notices"])
    assert_plain_french(got["notices"])


def test_a_cap_holders_closed_1re_pro_is_said(client: TestClient) -> None:
    """A CAP holder entering the 1re pro of the Bac pro MV option A: nMef closes that year on
    31/08/2026, so the step says it as a fact; it said « … finirait après sa dernière session
    (2028) », the closing day's year, where the BCN's last session is 2027 (the rule of the
    last session itself: tests/unit/test_fixes25_words.py)."""
    got = _get(client, **{"from": CAP_MV_A, "to": MV_A, "departements": "23,18,36,37"})
    paths = [p for p in got["pathways"] if any(s["code"] == MV_A for s in p["steps"])]
    assert paths, got
    said = _step_text(paths[0], MV_A)
    assert "plus d'entrée possible en 1re pro depuis la rentrée 2026" in said, said
    assert "(2028)" not in said and "sans doute" not in said, said
    assert_plain_french([said])


def test_the_step_says_its_2de_commune(client: TestClient) -> None:
    """Saint-Vaury: the Bac pro MELEC entered through the 2de commune of its family; the
    explanation (API, CSV) says it as the web page does, with the same figures."""
    got = _get(client, from_level=2, job="F1602", home="Guéret", departements="23")
    path = got["pathways"][0]
    step = path["steps"][1]
    [offer] = [o for o in step["offers"] if o["chosen"]]
    common = offer["common_entry"]
    assert common and common["family"], offer
    said = _step_text(path, step["code"])
    assert f"entrée après la 3e en 2de commune de la famille « {common['family']} »" in said
    assert f"{common['capacity']} places" in said, said
    assert "(formation ouverte aux élèves de 3e)" not in said, said
    assert_plain_french([said])


def test_the_step_says_its_1re_pro_entry(client: TestClient) -> None:
    """After a CAP, a Bac pro step whose figures are those of the 1re pro says so."""
    got = _get(client, **{"from": "50025524", "to_level": 4, "departements": "18"})
    texts = [t for p in got["pathways"] for t in p["score"]["explanation"]]
    entries = [t for t in texts if "entrée en 1re pro" in t]
    assert entries, texts
    assert_plain_french(entries)


def test_one_way_in_is_said_once(client: TestClient) -> None:
    """Toulon: the Bac pro boulanger pâtissier, entered through the 2de commune « Métiers de
    l'alimentation » of the lycée, and that 2de commune itself: the later one says it is the
    same way in, with the same places."""
    got = _get(
        client,
        from_level=2,
        sector="nsf-221",
        to_level=3,
        home="Toulon",
        departements="83",
        modality="apprenticeship",
    )
    ranks = {p["steps"][1]["code"]: p["rank"] for p in got["pathways"]}
    assert BOULANGER in ranks and COMMON_ALIM in ranks, ranks
    later = max(ranks[BOULANGER], ranks[COMMON_ALIM])
    path = got["pathways"][later - 1]
    said = path["score"]["explanation"][-1]
    first = min(ranks[BOULANGER], ranks[COMMON_ALIM])
    assert f" ; même entrée que le parcours n° {first} : " in said, said
    assert_plain_french([said])


UNRELATED = ("assurance", "banque", "notarial")


def test_the_partial_answer_keeps_the_asked_field(client: TestClient) -> None:
    """Toulon, from the end of 3e in « Agroalimentaire, alimentation, cuisine »: the partial
    answer named BTS assurance, banque… ; only goals of the field asked (or near it) count.
    Asked without a field, the same territory names them: the cut holds them."""
    plain = _get(client, from_level=2, to_level=3, departements="83")
    assert any(w in plain["unreached_goals"]["sentence"] for w in UNRELATED), plain
    got = _get(client, from_level=2, sector="nsf-221", to_level=3, departements="83")
    assert got["pathways"], got
    partial = got.get("unreached_goals")
    said = partial["sentence"] if partial else ""
    assert not any(w in said for w in UNRELATED), partial
    if partial is not None:
        assert "demandé" in said and "diplôme de départ" not in said, said
        assert_plain_french([said])


def test_a_field_above_the_3e_is_refused_with_what_to_change(client: TestClient) -> None:
    got = client.get(
        "/v1/pathways",
        params={"from_level": 4, "sector": "nsf-312", "to_level": 5, "departements": "59"},
    )
    assert got.status_code == 422, got.text
    detail = got.json()["detail"]
    assert "ne sert à choisir le départ que depuis la fin de 3e" in detail, detail
    assert "indiquez plutôt le diplôme obtenu" in detail, detail
    assert_plain_french([detail])
