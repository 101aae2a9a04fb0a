"""A Parcoursup programme without a BCN code is the diploma of the graph of its name and level
(graph/ingest/opendata/postbac.py ``same_name_codes``, ``attach``): the labels of the national
files, as the BCN, Certif Info and diplomesProfessionnels name the diplomas."""

from __future__ import annotations

from graph.ingest.opendata import postbac

DCG = "Diplome de Comptabilite et de Gestion"
CS_CYBER = "Certificat de Specialisation   Cybersecurite"
CS_CHAMPAGNE = "Certificat de Specialisation   Sommellerie   option vins de champagne"
CS_SOMMELLERIE = "Certificat de Specialisation   Sommellerie"
NAMED = {
    "26031403": (
        6,
        ("COMPTABILITE ET GESTION (DIPLÔME DE) (DCG)", "Diplôme de comptabilité et de gestion"),
    ),
    "32031408": (5, ("COMPTABILITE ET GESTION (BTS)", "BTS comptabilité et gestion")),
    "46125509": (
        4,
        ("CYBERSECURITE (CS4)", "Certificat de spécialisation cybersécurité", "CS4 Cybersécurité"),
    ),
    "46133414": (
        4,
        ("SOMMELLERIE (CS4)", "Certificat de spécialisation sommellerie", "CS4 Sommellerie"),
    ),
}


def _programmes(*labels: str) -> dict[str, postbac.Programme]:
    return {postbac.programme_code(p): p for p in map(postbac.classify, labels)}


def test_the_dcg_and_the_certificats_are_their_diplomas() -> None:
    progs = _programmes(DCG, CS_CYBER, CS_SOMMELLERIE, CS_CHAMPAGNE)
    levels = {c: p.level for c, p in progs.items()}
    got = {progs[c].label: cfd for c, cfd in postbac.same_name_codes(progs, levels, NAMED).items()}
    # an option the BCN does not name stays a programme of its own
    assert got == {DCG: "26031403", CS_CYBER: "46125509", CS_SOMMELLERIE: "46133414"}


def test_a_cs4_certif_info_does_not_describe_is_named_by_its_type() -> None:
    """« METIERS DU BAR (CS4) » (46133404, opened in 2025) has no readable label: the words
    Certif Info writes before every CS4's speciality name it."""
    bar = "Certificat de Specialisation   Metiers du bar"
    progs = _programmes(bar)
    bcn_only: dict[str, tuple[int | None, tuple[str, ...]]] = {
        "46133404": (4, ("METIERS DU BAR (CS4)",))
    }
    assert postbac.same_name_codes(progs, {c: None for c in progs}, bcn_only) == {}
    typed = postbac.type_named("461", "METIERS DU BAR (CS4)") or ""
    named: dict[str, tuple[int | None, tuple[str, ...]]] = {
        "46133404": (4, ("METIERS DU BAR (CS4)", typed))
    }
    assert list(postbac.same_name_codes(progs, {c: None for c in progs}, named).values()) == [
        "46133404"
    ]
    assert postbac.type_named("010", "METIERS DU BAR (MC4)") is None  # the former MC4: no


def test_no_diploma_of_another_level_nor_of_a_shared_name() -> None:
    progs = _programmes(DCG)
    (code,) = progs
    assert postbac.same_name_codes(progs, {code: 7}, NAMED) == {}
    twin = {**NAMED, "99999999": (None, ("DIPLOME DE COMPTABILITE ET DE GESTION",))}
    assert postbac.same_name_codes(progs, {code: None}, twin) == {}


def test_attached_offers_are_the_diploma_s_and_not_given_twice() -> None:
    rows = [
        postbac.ProgrammeRow(1, "9710003B", DCG, None, None),
        postbac.ProgrammeRow(2, "9711046K", CS_CYBER, None, None),
        postbac.ProgrammeRow(3, "9711046K", CS_CYBER + "   en apprentissage", None, None),
    ]
    pb = postbac.build(rows, {}, {}, set())
    levels = {c: p.level for c, p in pb.programmes.items()}
    codes = postbac.same_name_codes(pb.programmes, levels, NAMED)
    out = postbac.attach(pb, codes, offered={("9710003B", "26031403")})
    assert [(o.uai, o.code) for o in out.offers] == [("9711046K", "46125509")]
    assert out.already_offered == pb.already_offered + 1  # Baimbridge's, given by the constat
    assert out.programmes == {} and out.how[DCG] == "bcn-name" and out.mapped[DCG] == "26031403"
