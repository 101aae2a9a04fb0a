"""The usual acronyms of the second-round questions (docs/honest-answers.md) find their diploma:
« bts sp3s », « cap aepe », « bts gtla » found nothing (« cap aepe » suggested « 6EME »)."""

from __future__ import annotations

from typing import Any

from graph.diploma_search import search_diplomas

ROWS: list[dict[str, Any]] = [
    {
        "code": "32033002",
        "name": "BTS services et prestations des secteurs sanitaire et social",
        "type": "bts",
        "level": 5,
    },
    {
        "code": "50033205",
        "name": "CAP accompagnant éducatif petite enfance",
        "type": "cap",
        "level": 3,
    },
    {
        "code": "32031103",
        "name": "BTS gestion des transports et logistique associée",
        "type": "bts",
        "level": 5,
    },
    {"code": "67010012", "name": "6EME", "type": "other", "level": None},
]


def test_sp3s_aepe_gtla_find_their_diploma() -> None:
    for query, code in (
        ("bts sp3s", "32033002"),
        ("cap aepe", "50033205"),
        ("BTS GTLA", "32031103"),
    ):
        hits = search_diplomas(ROWS, query).hits
        assert [h.row["code"] for h in hits][:1] == [code], query


STI2D = [
    {
        "code": "43020003",
        "name": "Bac techno sciences et technologies de l'industrie et du développement "
        "durable architecture et construction",
        "type": "bac_techno",
        "level": 4,
    },
    {
        "code": "43020004",
        "name": "STI2D ENERGIES ET ENVIRONNEMENT (BAC TECHNO)",
        "type": "bac_techno",
        "level": 4,
    },
    {
        "code": "43020006",
        "name": "STI2D SYSTEMES D'INFORMATION ET NUMERIQUE (BAC TECHNO)",
        "type": "bac_techno",
        "level": 4,
    },
]


def test_an_acronym_finds_names_that_write_it_and_names_that_spell_it_out() -> None:
    """« sti2d » found only the speciality whose name spells STI2D out; « sti2d energie »
    found nothing, though the BCN names it « STI2D ENERGIES ET ENVIRONNEMENT »."""
    codes = {h.row["code"] for h in search_diplomas(STI2D, "sti2d").hits}
    assert codes == {"43020003", "43020004", "43020006"}
    hits = search_diplomas(STI2D, "sti2d energie").hits
    assert [h.row["code"] for h in hits] == ["43020004"]
    hits = search_diplomas(STI2D, "STI2D ENERGIES ET ENVIRONNEMENT").hits
    assert [h.row["code"] for h in hits][:1] == ["43020004"]
    # a campus's own STI2D (a seed code) with 4 offers on its campus comes after the BCN's
    seed = {"code": "MV-BAC-STI2D", "name": "Bac STI2D", "type": "bac_techno", "level": 4}
    seed["offers"] = 4
    hits = search_diplomas([seed, *STI2D], "sti2d").hits
    assert hits[-1].row["code"] == "MV-BAC-STI2D"


def test_nonsense_proposes_no_name_half_alike() -> None:
    """« abc » proposed « Maçon » (the token set ratio of « abc » and « macon » is 50): no
    name is near it."""
    rows = [{"code": "50034304", "name": "MACON", "type": "cap", "level": 3, "offers": 0}]
    found = search_diplomas(rows, "abc")
    assert found.suggestions == []
    assert search_diplomas(rows, "macn").suggestions or search_diplomas(rows, "macn").hits


def test_a_diploma_is_found_by_its_jobs_names_open_ones_first() -> None:
    """« soudeur » found only the CAP and BP Soudeur, closed, offered nowhere: the diplomas
    that train soudeurs (ROME H2913, their Certif Info jobs) and are offered now come first."""
    from graph.rome_jobs import RomeJob

    rows = [
        {"code": "50025407", "name": "SOUDEUR", "type": "cap", "level": 3, "offers": 0,
         "closed": True},
        {"code": "40025411", "name": "TECHNICIEN EN CHAUDRONNERIE INDUSTRIELLE",
         "type": "bac_pro", "level": 4, "offers": 147, "rome_codes": ["H2913", "H2902"]},
        {"code": "46125406", "name": "TECHNICIEN EN SOUDAGE", "type": "mc", "level": 4,
         "offers": 21, "rome_codes": ["H2913"]},
        {"code": "32025520", "name": "ELECTROTECHNIQUE", "type": "bts", "level": 5, "offers": 9,
         "rome_codes": ["I1309"]},
    ]  # fmt: skip
    jobs = [RomeJob("H2913", "Soudeur / Soudeuse", 2), RomeJob("I1309", "Électricien", 1)]
    for q in ("soudeur", "soudure"):
        codes = [h.row["code"] for h in search_diplomas(rows, q, jobs=jobs).hits]
        assert codes == ["40025411", "46125406", "50025407"], q
    # without the jobs (a caller that has none), the name alone, as before
    assert [h.row["code"] for h in search_diplomas(rows, "soudeur").hits] == ["50025407"]


# Names as the BCN writes them (nFormationDiplome_.csv, LIBELLE_LONG_200), and the names that
# drew the wrong diploma or none before (tester25)
INITIALS_ROWS: list[dict[str, Any]] = [
    {
        "code": "40025517",
        "name": "METIERS DU FROID ET DES ENERGIES RENOUVELABLES (BAC PRO)",
        "type": "bac_pro",
        "level": 4,
        "offers": 90,
    },
    {
        "code": "40020007",
        "name": "METIERS DE LA MER 2NDE COMMUNE (BAC PRO)",
        "type": "bac_pro",
        "level": 4,
        "offers": 20,
    },
    {
        "code": "50031224",
        "name": "EQUIPIER POLYVALENT DU COMMERCE (CAP)",
        "type": "cap",
        "level": 3,
        "offers": 300,
    },
    {
        "code": "32022505",
        "name": "EUROPLASTICS ET COMPOSITES OPTION CO CONCEPTION OUTILLAGE (BTS)",
        "type": "bts",
        "level": 5,
        "offers": 10,
    },
    {
        "code": "40022706",
        "name": "MAINTENANCE ET EFFICACITE ENERGETIQUE (BAC PRO)",
        "type": "bac_pro",
        "level": 4,
        "offers": 200,
    },
    {
        "code": "13513310",
        "name": "METIERS DE L'ENSEIGNEMENT, DE L'EDUCATION ET DE LA FORMATION",
        "type": "master",
        "level": 7,
        "offers": 50,
    },
    {
        "code": "40030003",
        "name": "METIERS DE LA GESTION ADMINISTRATIVE, DU TRANSPORT ET DE LA "
        "LOGISTIQUE 2NDE COMMUNE (BAC PRO)",
        "type": "bac_pro",
        "level": 4,
        "offers": 400,
    },
    {
        "code": "32033206",
        "name": "ECONOMIE SOCIALE ET FAMILIALE (BTS)",
        "type": "bts",
        "level": 5,
        "offers": 60,
    },
]


def test_a_sigle_made_of_a_names_initials_finds_it() -> None:
    for query, code in (
        ("bac pro mfer", "40025517"),  # was « Métiers de la mer »
        ("cap epc", "50031224"),  # was nothing, the BTS EPC suggested
        ("bac pro mee", "40022706"),  # was nothing, the MEEF master suggested
        ("2nde gatl", "40030003"),
        ("bts esf", "32033206"),
        ("bts epc", "32022505"),  # the acronym's own diploma still
    ):
        hits = search_diplomas(INITIALS_ROWS, query).hits
        assert [h.row["code"] for h in hits] == [code], query


def test_a_sigle_is_not_read_as_a_word_spelt_close_to_it() -> None:
    """« mfer » is the initials of a name: « mer » (82 % alike) is not what was typed."""
    hits = search_diplomas(INITIALS_ROWS, "mfer").hits
    assert "40020007" not in [h.row["code"] for h in hits]


def test_a_sigle_of_a_closed_diploma_is_not_read_as_a_job_spelt_close_to_it() -> None:
    """review25: « cap apr » listed the CAP métallier (ROME I1305, found loosely: « apr » is
    close to « après-vente ») before the CAP agent polyvalent de restauration, whose initials
    it is, closed and offered nowhere."""
    from graph.rome_jobs import RomeJob

    jobs = [RomeJob("I1305", "Technicien / Technicienne après-vente", 1)]
    rows = [
        {
            "code": "50022129",
            "name": "AGENT POLYVALENT DE RESTAURATION (CAP)",
            "type": "cap",
            "level": 3,
            "closed": True,
            "offers": 0,
        },
        {
            "code": "50025439",
            "name": "CAP métallier",
            "type": "cap",
            "level": 3,
            "offers": 40,
            "rome_codes": ["I1305"],
        },
    ]
    for q in ("cap apr", "apr"):
        assert [h.row["code"] for h in search_diplomas(rows, q, jobs=jobs).hits] == ["50022129"], q
    # a job's own words still find its diplomas
    assert "50025439" in [
        h.row["code"] for h in search_diplomas(rows, "cap apres vente", jobs=jobs).hits
    ]


def test_a_word_being_typed_is_no_sigle_of_a_diploma_closed_without_successor() -> None:
    """« bac pro tiss » found « Techniques de image, son, spectacle », a Bac pro closed in 2008
    and replaced by none, whose initials « tiss » is; « tiss » begins tissage, tisserand: the
    search says no Bac pro is of those words and names the weaving diplomas. A sigle that
    begins a word too still finds an open diploma (« cap mis ») or a closed one with a
    successor (« cap apr »)."""
    rows: list[dict[str, Any]] = [
        {
            "code": "40032399",
            "name": "TECHNIQUES DE IMAGE, SON, SPECTACLE",
            "type": "bac_pro",
            "level": 4,
            "closed": True,
            "offers": 0,
            "successors": [],
        },
        {"code": "50024112", "name": "TISSERAND", "type": "cap", "level": 3, "closed": True},
        {"code": "50024101", "name": "EMPLOYE DE FABRICATION DE TISSAGE (CAP)", "type": "cap"},
        {"code": "50023324", "name": "CAP monteur en installations sanitaires", "type": "cap"},
        {"code": "32033421", "name": "HOTELLERIE RESTAURATION MISE A NIVEAU", "type": "bts"},
        {
            "code": "50022129",
            "name": "AGENT POLYVALENT DE RESTAURATION (CAP)",
            "type": "cap",
            "closed": True,
            "successors": [{"code": "50022142"}],
        },
        {"code": "32011111", "name": "APRES-VENTE AUTOMOBILE (BTS)", "type": "bts"},
    ]
    got = search_diplomas(rows, "bac pro tiss")
    assert got.hits == []
    assert got.hint is not None and "tissage" in got.hint.lower(), got.hint
    assert [h.row["code"] for h in search_diplomas(rows, "cap mis").hits][:1] == ["50023324"]
    assert [h.row["code"] for h in search_diplomas(rows, "cap apr").hits] == ["50022129"]
