# ruff: noqa: E501  (rows copied whole from the national graph, one a line)
"""tester23's diploma searches on the national files: the national Parcoursup programme before a
campus's local twin (« BUT TC »), dashes and curly apostrophes as separators, the engineering
type in its usual words (« école d'ingénieur »), the acronyms the BCN gives (« BUT CJ ») and
those a small sourced list gives (« BTS CI », « DEAS », « IFSI »). The rows are copied from the
national graph (names, types, offers)."""

from __future__ import annotations

from typing import Any

from graph.diploma_acronyms_bcn import BCN_ACRONYMS
from graph.diploma_search import search_diplomas


def row(code: str, name: str, kind: str, level: int | None, offers: int) -> dict[str, Any]:
    return {"code": code, "name": name, "type": kind, "level": level, "offers": offers}


ROWS: list[dict[str, Any]] = [
    row("MV-BUT-TC", "BUT Techniques de commercialisation (IUT de Figeac)", "but", 6, 1),
    row("PS-BUT-AAC01DABB7", "BUT – Techniques de commercialisation", "but", 6, 82),
    row(
        "PS-BUT-01950D5859",
        "BUT – Techniques de commercialisation – ENEPS destine aux bacs professionnels",
        "but",
        6,
        1,
    ),
    row("MV-BUT-GMP", "BUT Génie mécanique et productique (IUT de Figeac)", "but", 6, 1),
    row("PS-BUT-632D73D3F5", "BUT – Genie mecanique et productique", "but", 6, 43),
    row("PS-BUT-35A357E28E", "BUT – Carrieres juridiques", "but", 6, 14),
    row("PS-BUT-827ED8747D", "BUT – Metiers du multimedia et de l internet", "but", 6, 33),
    row("PS-BUT-29974F2BBC", "BUT – Genie civil – Construction durable", "but", 6, 29),
    row(
        "25129999",
        "Bachelor universitaire de technologie production non spécifié (BUT)",
        "but",
        6,
        0,
    ),
    row(
        "MV-ING-MINES-ALBI",
        "Diplôme d'ingénieur de l'École des Mines d'Albi-Carmaux (ingénieur généraliste)",
        "ingenieur",
        7,
        3,
    ),
    row("PS-INGENIEUR-4654DE2823", "Formation d ingenieur Bac + 5 – Bac general", "ingenieur", 7, 76),
    row("32031215", "BTS commerce international", "bts", 5, 120),
    row("32031408", "BTS comptabilité et gestion", "bts", 5, 400),
    row("32032409", "BTS support à l'action managériale", "bts", 5, 300),
    row("40023405", "Bac pro technicien menuisier agenceur", "bac_pro", 4, 150),
    row("40333003", "Bac pro services aux personnes et animation dans les territoires", "bac_pro", 4, 200),
    row("50022142", "CAP production et service en restaurations (rapide, collective, cafétéria)", "cap", 3, 300),
    row("32334302", "BTSA gestion et maîtrise de l'eau", "bts", 5, 40),
    row("46033104", "Diplôme d'État d'aide-soignant", "other", 4, 58),
    row("26033101", "Diplôme d'État d'infirmier(ière)", "other", 6, 340),
    row("40025214", "Bac pro maintenance des véhicules option A voitures particulières", "bac_pro", 4, 500),
    row("56321206", "Aide-soignant veterinaire (CSA)", "mc", 5, 2),
    row("32020111", "BTS conception et réalisation de systèmes automatiques", "bts", 5, 90),
]  # fmt: skip


def codes(query: str) -> list[str]:
    return [h.row["code"] for h in search_diplomas(ROWS, query).hits]


def test_the_national_programme_comes_before_a_campus_twin() -> None:
    # before: « BUT TC » found only the IUT de Figeac's BUT (a seed), hiding Parcoursup's
    for query in ("BUT TC", "but techniques de commercialisation", "BUT - Techniques de "
                  "commercialisation", "BUT – Techniques de commercialisation"):  # fmt: skip
        found = codes(query)
        assert found[0] == "PS-BUT-AAC01DABB7", query
        assert found.index("PS-BUT-AAC01DABB7") < found.index("MV-BUT-TC"), query
    assert codes("BUT GMP")[0] == "PS-BUT-632D73D3F5"


def test_a_type_alone_lists_the_offered_national_programmes() -> None:
    # « but »: the BCN's « non spécifié » (0 offers) hid every Parcoursup BUT
    assert codes("but")[0] == "PS-BUT-AAC01DABB7"


def test_engineering_school_words_name_the_type() -> None:
    for query in ("ecole d'ingenieur", "école d’ingénieur", "diplome d'ingenieur", "ingenieur"):
        assert codes(query)[0] == "PS-INGENIEUR-4654DE2823", query


def test_the_bcn_acronyms_of_the_but_specialities() -> None:
    assert BCN_ACRONYMS["cj"][0] == ("carrieres juridiques", "25112801")
    assert codes("BUT CJ") == ["PS-BUT-35A357E28E"]
    assert codes("BUT MMI") == ["PS-BUT-827ED8747D"]
    assert codes("BUT GC") == ["PS-BUT-29974F2BBC"]
    assert codes("but qlio") == []  # no such row here: nothing invented


def test_the_sourced_acronyms_no_file_gives() -> None:
    for query, code in (
        ("BTS CI", "32031215"),
        ("BTS CG", "32031408"),
        ("BTS SAM", "32032409"),
        ("bac pro TMA", "40023405"),
        ("bac pro SAPAT", "40333003"),
        ("CAP PSR", "50022142"),
        ("BTSA GEMEAU", "32334302"),
        ("DEAS", "46033104"),
        ("IFSI", "26033101"),
    ):
        assert codes(query)[:1] == [code], query


def test_an_acronym_is_never_a_word_spelt_close() -> None:
    # « crsa » found the certificats de spécialisation agricole « (CSA) » once the brackets
    # no longer stuck to the word
    assert codes("crsa") == ["32020111"]


def test_a_feminine_type_reads_aucune() -> None:
    hint = search_diplomas(ROWS, "licence pro electricite").hint or ""
    assert hint.startswith("Aucune licence professionnelle ne correspond")


def test_an_engineering_speciality_no_national_title_says() -> None:
    """« ingénieur mécanique » (tester23, national files): Parcoursup names no engineering
    speciality, so a campus's own « ingénieur mécanique » was the only answer in all of
    France. The national programmes follow it, and the hint says why."""
    rows = [
        *ROWS,
        row(
            "MV-ING-MECA-CCI-AVEYRON",
            "Diplôme d'ingénieur mécanique (CCI de l'Aveyron, apprentissage)",
            "ingenieur",
            7,
            1,
        ),
    ]
    found = search_diplomas(rows, "ingenieur mecanique")
    assert [h.row["code"] for h in found.hits] == [
        "MV-ING-MECA-CCI-AVEYRON",
        "PS-INGENIEUR-4654DE2823",
    ]
    assert "ne donne pas la spécialité" in (found.hint or "")
    # a speciality a national title says is answered as before, without the hint
    cpi = row(
        "PS-INGENIEUR-AAFF79281F",
        "Formation d ingenieur Bac + 5 – Cycle Preparatoire Integre – Specialite Generaliste, "
        "BTP, Informatique, Systemes embarques",
        "ingenieur",
        7,
        23,
    )
    informatique = search_diplomas([*rows, cpi], "ingenieur informatique")
    assert [h.row["code"] for h in informatique.hits] == ["PS-INGENIEUR-AAFF79281F"]
    assert informatique.hint is None
