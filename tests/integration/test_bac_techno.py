"""Bac technologique → BTS / BUT (docs/inferred-passerelles.md, « Bac technologique »), on each
real engine, over a fixture cut from the national files (``tests/fixtures/opendata_bactechno/``:
the Nord, the Rhône and the Bouches-du-Rhône) and the national table of documented
continuations. A counsellor got no pathway at all from a bac technologique or a bac général."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_bactechno"
STMG_GF, STMG_SIG, STI2D_SIN, ST2S = "43031017", "43031020", "43020006", "43033104"
BAC_GENERAL = "47010019"
SIO = {"32032612", "32032613", "32032614"}
MCO, CG, ELEC, SP3S, ESF = "32031213", "32031408", "32025520", "32033002", "32033206"
BAC_PRO_LOG, GTLA = "40031106", "32031103"
STI2D_AC = "43020003"
BUILDING = {"32023012", "32023206", "32023205"}  # BTS bâtiment, travaux publics, enveloppe
CIEL, CRSA, CPI = "32020116", "32020111", "32020009"


client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def _targets(answer: dict[str, Any]) -> set[str]:
    return {p["steps"][-1]["code"] for p in answer["pathways"]}


def test_a_bac_stmg_leads_to_the_tertiary_bts_of_the_nord(client: TestClient) -> None:
    """`from=43031017&to_level=5&departements=59` gave 0 pathways."""
    answer = ask(client, **{"from": STMG_GF, "to_level": 5, "departements": "59", "limit": 20})
    assert answer["pathways"], answer["reason"]
    reached = _targets(answer)
    assert {MCO, CG} <= reached, reached
    assert not {ELEC, SP3S, ESF} & reached, reached  # other fields
    step = answer["pathways"][0]["steps"][1]
    assert step["passerelle"]["origin"] == "inferred"
    explanation = " ".join(answer["pathways"][0]["score"]["explanation"])
    assert (
        "après un bac technologique, admission sur dossier via Parcoursup ; passerelle déduite "
        "du domaine commun (domaine de formation « Échanges et gestion ») (non documentée)"
        in explanation
    ), explanation
    assert_plain_french(sentences(answer))


def test_a_bac_stmg_sig_reaches_the_bts_sio(client: TestClient) -> None:
    """BTS SIO had no ``previous`` at all: a développeur web goal near Lille found nothing."""
    answer = ask(client, **{"from": STMG_SIG, "job": "M1805", "departements": "59"})
    assert answer["pathways"], answer["reason"]
    assert _targets(answer) <= SIO and _targets(answer), _targets(answer)


def test_a_level_4_start_near_lille_reaches_the_web_developer_job(client: TestClient) -> None:
    """`from_level=4&job=M1805` near Lille: nothing before; now from the bacs technologiques."""
    answer = ask(client, from_level=4, job="M1805", departements="59", home="Lille")
    assert answer["pathways"], answer["reason"]
    starts = {p["steps"][0]["code"] for p in answer["pathways"]}
    assert starts & {STMG_GF, STMG_SIG, "43031018", "43031019"}, starts
    assert any("bac technologique" in n for n in answer["notices"]), answer["notices"]


def test_a_bac_sti2d_leads_to_the_industrial_bts_not_to_the_tertiary_ones(
    client: TestClient,
) -> None:
    answer = ask(client, **{"from": STI2D_SIN, "to_level": 5, "departements": "69", "limit": 20})
    reached = _targets(answer)
    assert ELEC in reached, answer["reason"]
    assert not {MCO, CG, SP3S, ESF} & reached, reached


def test_a_bac_st2s_leads_to_the_social_bts_in_the_bouches_du_rhone(client: TestClient) -> None:
    answer = ask(client, **{"from": ST2S, "to_level": 5, "departements": "13", "limit": 20})
    reached = _targets(answer)
    assert {SP3S, ESF} & reached, answer["reason"]
    assert not {MCO, CG, ELEC} & reached, reached


def test_a_bac_pro_start_is_unchanged_and_ranks_its_documented_or_scored_leg_first(
    client: TestClient,
) -> None:
    """The Bac pro logistique still leads to the BTS GTLA, first."""
    answer = ask(client, **{"from": BAC_PRO_LOG, "to_level": 5, "departements": "59"})
    assert answer["pathways"][0]["steps"][-1]["code"] == GTLA, answer["pathways"]
    assert all(p["steps"][0]["code"] == BAC_PRO_LOG for p in answer["pathways"])


def test_a_bac_general_start_says_why_there_is_no_pathway(client: TestClient) -> None:
    answer = ask(client, **{"from": BAC_GENERAL, "to_level": 5, "departements": "59"})
    assert not answer["pathways"]
    assert (
        "Avec un bac général, les formations post-bac s'ouvrent sur dossier via Parcoursup ; "
        "les données ne décrivent pas de passerelle propre à ce diplôme" in answer["reason"]
    ), answer["reason"]
    assert_plain_french(sentences(answer))


def test_a_level_4_start_says_which_diplomas_it_starts_from(client: TestClient) -> None:
    """`from_level=4` only started from the Bacs pros, and did not say so."""
    answer = ask(client, from_level=4, to_level=5, departements="59", limit=50)
    starts = {p["steps"][0]["code"] for p in answer["pathways"]}
    assert BAC_PRO_LOG in starts and {STMG_GF, STMG_SIG, STI2D_SIN, ST2S} & starts, starts
    assert BAC_GENERAL not in starts
    said = [n for n in answer["notices"] if n.startswith("Départ de niveau 4")]
    assert said == [
        "Départ de niveau 4 : parcours depuis un Bac pro ou un bac technologique ; partez d'un "
        "diplôme précis pour un parcours ciblé. Bac général : pas de passerelle décrite, "
        "admission sur dossier via Parcoursup."
    ], answer["notices"]


def test_a_bac_sti2d_ac_in_rennes_ranks_the_building_bts_first(client: TestClient) -> None:
    """Rennes, STI2D « architecture et construction » → BTS: BTS CIEL came first, then CRSA
    and CPI; the building BTS are ranked first now, the others still proposed after them."""
    answer = ask(client, **{"from": STI2D_AC, "to_type": "bts", "departements": "35", "limit": 20})
    order = [p["steps"][-1]["code"] for p in answer["pathways"]]
    assert order and order[0] in BUILDING, order
    building = [i for i, c in enumerate(order) if c in BUILDING]
    others = [i for i, c in enumerate(order) if c in {CIEL, CRSA, CPI}]
    assert len(building) >= 2 and others, order  # ranked, not excluded
    assert max(building) < min(others), order
    explanation = " ".join(answer["pathways"][0]["score"]["explanation"])
    assert (
        "classée en premier comme proche de la spécialité architecture et construction"
        in explanation
    ), explanation
    assert "(rapprochement non documenté)" in explanation, explanation
    assert_plain_french(sentences(answer))


def test_a_bac_sti2d_sin_near_lille_reaches_the_bts_sio(client: TestClient) -> None:
    """STI2D SIN → BTS SIO was not inferred (production → services); the BCN classes SIN in
    computing (CITE 481), so the speciality rule opens it."""
    answer = ask(client, **{"from": STI2D_SIN, "to_type": "bts", "departements": "59", "limit": 20})
    order = [p["steps"][-1]["code"] for p in answer["pathways"]]
    assert SIO & set(order), order
    assert not {MCO, CG, SP3S, ESF} & set(order), order  # the tertiary BTS stay out


TSI, TB, ECT = "37011022", "37011025", "37012020"


def test_a_bac_sti2d_near_lille_reaches_the_cpge_tsi(client: TestClient) -> None:
    """Bac techno → CPGE was not inferred: a bac STI2D got no classe préparatoire TSI."""
    answer = ask(client, **{"from": STI2D_AC, "to_type": "cpge", "departements": "59"})
    assert _targets(answer) == {TSI}, (_targets(answer), answer["reason"])
    step = answer["pathways"][0]["steps"][1]
    assert step["passerelle"]["origin"] == "inferred"
    explanation = " ".join(answer["pathways"][0]["score"]["explanation"])
    assert (
        "après un bac technologique, admission sur dossier via Parcoursup ; classe préparatoire "
        "TSI, voie des bacheliers STI2D et STL SPCL (non documentée)" in explanation
    ), explanation
    assert_plain_french(sentences(answer))


def test_a_bac_stmg_in_the_rhone_reaches_the_cpge_ect_only(client: TestClient) -> None:
    answer = ask(client, **{"from": STMG_GF, "to_type": "cpge", "departements": "69"})
    assert _targets(answer) == {ECT}, (_targets(answer), answer["reason"])


def test_a_bac_sti2d_in_rennes_reaches_the_engineering_tracks_the_extract_names(
    client: TestClient,
) -> None:
    """The extract names engineering tracks for bacheliers technologiques (« Formation d
    ingenieur Bac + 5 – Autres Series (Bac STL, STI2D, STAV, ST2S) » in Rennes): none was
    proposed to a bac STI2D."""
    answer = ask(client, **{"from": STI2D_AC, "to_type": "ingenieur", "departements": "35"})
    direct = [p for p in answer["pathways"] if len(p["steps"]) == 2]
    assert direct, (answer["reason"], [[s["code"] for s in p["steps"]] for p in answer["pathways"]])
    explanation = " ".join(direct[0]["score"]["explanation"])
    assert "voie d'accès nommée par l'intitulé Parcoursup « Formation d ingenieur" in explanation
    assert direct[0]["steps"][1]["passerelle"]["origin"] == "inferred"


def test_a_bac_stmg_gets_no_sti2d_engineering_track(client: TestClient) -> None:
    answer = ask(client, **{"from": STMG_GF, "to_type": "ingenieur", "departements": "59"})
    for p in answer["pathways"]:
        said = " ".join(p["score"]["explanation"])
        assert "STI2D »" not in said, said


def test_a_level_4_start_to_an_engineering_track_names_the_series_it_takes(
    client: TestClient,
) -> None:
    """`from_level=4&to_type=ingenieur` near Lille: the tracks « Bacs technologiques » (ISEN
    Lille) and « Voie d'accès bac technologique » (JUNIA ISA) showed one series picked by code
    order as the start, the track « bac STI2D » (IUT Lille) one STI2D speciality; the same
    track followed from each series filled the answer."""
    answer = ask(client, from_level=4, to_type="ingenieur", departements="59", limit=20)
    tracks = [
        p
        for p in answer["pathways"]
        if len(p["steps"]) == 2 and "engineer-track" in (p["steps"][1]["passerelle"]["id"] or "")
    ]
    assert tracks, [[s["name"] for s in p["steps"]] for p in answer["pathways"]]
    starts = {p["steps"][1]["source_name"]: p["steps"][0] for p in tracks}
    generic = [s for label, s in starts.items() if "technologique" in label.casefold()]
    assert generic and all(s["name"] == "Tout bac technologique" for s in generic), starts
    assert all(s["code"] == "" and s["type"] == "bac_techno" for s in generic), starts
    named = [s for label, s in starts.items() if label.endswith("bac STI2D")]
    assert [s["name"] for s in named] == ["Bac STI2D (toute spécialité)"], starts
    said = [(p["steps"][0]["name"], p["steps"][1]["code"]) for p in tracks]
    assert len(said) == len(set(said)), said
    explanation = " ".join(p["score"]["explanation"][0] for p in tracks)
    assert "après tout bac technologique" in explanation, explanation


def test_a_level_4_start_counts_a_track_once_as_it_shows_it(client: TestClient) -> None:
    """`from_level=4&to_type=ingenieur` near Lille: each engineering track for bacheliers
    technologiques is shown once (« Tout bac technologique → … »), but the count counted it
    once per series it is taken from (Lorient: « 23 parcours trouvés (les 2 mieux classés
    sont affichés) », Grenoble « 6 parcours » for one shown). Every pathway shown here (the
    limit is above the count): the count is their number."""
    answer = ask(client, from_level=4, to_type="ingenieur", departements="59", limit=50)
    shown = [
        (p["steps"][0]["name"], *(s["code"] for s in p["steps"][1:])) for p in answer["pathways"]
    ]
    tracks = [p for p in answer["pathways"] if p["steps"][0]["code"] == ""]
    assert tracks, shown  # a track said once for its series
    assert len(shown) == len(set(shown)), shown
    assert answer["count"] == len(shown), (answer["count"], shown)


def test_the_bts_sio_common_year_trains_for_its_options_jobs(client: TestClient) -> None:
    """answers20: Certif Info gives the BTS SIO options their jobs, not the common first year,
    so a job search never reached the common year's offers; optionsBTS.csv links them."""
    common = client.get("/diplomas/32032612").json()
    assert {"M1801", "M1805", "M1810"} <= set(common["rome_codes"]), common["rome_codes"]
    answer = ask(client, **{"from": STMG_SIG, "job": "M1805", "departements": "59", "limit": 20})
    ends = [p for p in answer["pathways"] if p["steps"][-1]["code"] == "32032612"]
    assert ends, _targets(answer)
    explanation = " ".join(ends[0]["score"]["explanation"])
    assert "mène au métier ROME M1805" in explanation, explanation
    assert "par l'une de ses options de 2e année" in explanation, explanation
    assert_plain_french(sentences(answer))
