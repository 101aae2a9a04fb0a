"""Inferred passerelles: each rule on hand-built diplomas with known answers."""

from __future__ import annotations

from graph.inference import DiplomaFacts, infer_passerelles


def D(
    code: str,
    type: str,
    level: int | None,
    nsf: str | None = None,  # noqa: N802
    fields: set[str] | None = None,
    apprenticeship: bool = False,
) -> DiplomaFacts:
    return DiplomaFacts(code, type, level, nsf, frozenset(fields or set()), apprenticeship)


def pairs(diplomas: list[DiplomaFacts], documented: set[tuple[str, str]] | None = None) -> dict:
    return {
        (p.from_code, p.to_code): p.rule for p in infer_passerelles(diplomas, documented or set())
    }


def test_bac_pro_to_bts_needs_the_same_field() -> None:
    # the same NSF group only: a shared NSF domain (25x) is too loose nationally (68 000 legs)
    got = pairs(
        [
            D("BP1", "bac_pro", 4, "251"),
            D("BTS1", "bts", 5, "251"),
            D("BTS2", "bts", 5, "250"),
            D("BTS3", "bts", 5, "310"),
        ]
    )
    assert got == {("BP1", "BTS1"): "bac-pro-to-bts"}


def test_licence_pro_accepts_the_pluri_group_of_the_domain_not_the_domain_alone() -> None:
    """answers22: the NSF domain alone (31x) sent a BTS NDRC (312) to a maritime transport
    licence (311) 507 km away; the « plusieurs spécialités » group of the domain (250) still
    admits its specialities."""
    got = pairs([D("BTS1", "bts", 5, "251"), D("LP1", "licence_pro", 6, "250")])
    assert got == {("BTS1", "LP1"): "bac2-to-licence-pro"}
    assert pairs([D("BTS1", "bts", 5, "312"), D("LP2", "licence_pro", 6, "311")]) == {}


def test_licence_pro_of_a_neighbouring_speciality_needs_a_shared_job() -> None:
    """links23: BTS électrotechnique (255) and the licence pro « maintenance et technologie :
    systèmes pluritechniques » (200, a group heading a whole area: no NSF rule matches) share
    the ROME job H1101; a leg says so, « licence d'une spécialité voisine ». No job shared, no
    leg; families apart (commerce → mode) neither, nor a discipline's group (1xx) on one job
    alone."""
    from graph.inference.evidence import Evidence

    def E(code: str, type: str, level: int, nsf: str, *rome: str) -> DiplomaFacts:  # noqa: N802
        return DiplomaFacts(code, type, level, nsf, evidence=Evidence(rome=frozenset(rome)))

    bts = E("BTS", "bts", 5, "255", "H1101", "I1309")
    got = {
        (p.to_code, p.field_match, p.strength)
        for p in infer_passerelles(
            [
                bts,
                E("LP", "licence_pro", 6, "200", "H1101", "I1102"),
                E("LP-FAR", "licence_pro", 6, "200", "H1102"),
                E("LP-BIO", "licence_pro", 6, "112", "H1101"),
            ],
            set(),
        )
    }
    said = "partagent les métiers ROME H1101 ; licence d'une spécialité voisine"
    assert got == {("LP", said, 0.21)}
    mco = E("MCO", "bts", 5, "312", "D1401")
    assert pairs([mco, E("MODE", "licence_pro", 6, "242", "D1401", "B1805")]) == {}


def test_shared_filiere_counts_as_the_same_field() -> None:
    got = pairs(
        [
            D("CAP1", "cap", 3, "254", {"soudure"}),
            D("BP1", "bac_pro", 4, "227", {"soudure"}),
            D("BP2", "bac_pro", 4, "254"),
        ]
    )
    assert got == {("CAP1", "BP1"): "cap-to-bac-pro", ("CAP1", "BP2"): "cap-to-bac-pro"}


def test_engineer_by_apprenticeship_only_when_offered_so() -> None:
    base = [D("BTS1", "bts", 5, "250"), D("LP1", "licence_pro", 6, "250")]
    assert pairs([*base, D("ING", "ingenieur", 7, "250")]) == {
        ("BTS1", "LP1"): "bac2-to-licence-pro"
    }
    got = pairs([*base, D("ING", "ingenieur", 7, "250", apprenticeship=True)])
    assert got[("BTS1", "ING")] == "bac2-to-engineer-apprenticeship"
    assert got[("LP1", "ING")] == "bac3-to-engineer-apprenticeship"
    [p] = [
        p
        for p in infer_passerelles(
            [*base, D("ING", "ingenieur", 7, "250", apprenticeship=True)], set()
        )
        if p.to_code == "ING" and p.from_code == "BTS1"
    ]
    assert p.modality == "apprenticeship" and p.field_match == "groupe NSF 250"


def test_documented_pairs_are_never_duplicated() -> None:
    got = pairs(
        [D("BP1", "bac_pro", 4, "251"), D("BTS1", "bts", 5, "251")], documented={("BP1", "BTS1")}
    )
    assert got == {}


def test_no_level_jump_without_a_rule() -> None:
    # a CAP does not lead straight to a BTS, nor a Bac pro to an engineer school
    got = pairs(
        [
            D("CAP1", "cap", 3, "251"),
            D("BTS1", "bts", 5, "251"),
            D("ING", "ingenieur", 7, "251", apprenticeship=True),
            D("BP1", "bac_pro", 4, "310"),
        ]
    )
    assert ("CAP1", "BTS1") not in got and ("BP1", "ING") not in got
    assert got == {("BTS1", "ING"): "bac2-to-engineer-apprenticeship"}


def test_ids_are_stable_and_unique() -> None:
    ds = [D("BP1", "bac_pro", 4, "251"), D("BTS1", "bts", 5, "251"), D("BTS2", "bts", 5, "251")]
    first = [p.id for p in infer_passerelles(ds, set())]
    assert first == [p.id for p in infer_passerelles(list(reversed(ds)), set())]
    assert len(set(first)) == len(first) == 2


def test_a_specialisation_is_entered_after_the_first_diploma_of_its_trade() -> None:
    """No passerelle led into the CS technicien en soudage (``previous: []``): welders near
    Caen never saw it. A mention complémentaire / certificat de spécialisation follows a first
    diploma of its trade, level 3 after a CAP, level 4 after a Bac pro."""
    from graph.inference.evidence import Evidence

    weld = Evidence(rome=frozenset({"H2913"}))
    tci = DiplomaFacts("40025411", "bac_pro", 4, nsf="254", evidence=weld)
    cs = DiplomaFacts("46125406", "mc", 4, nsf="254", evidence=weld)
    cap = DiplomaFacts("50025437", "cap", 3, nsf="254", evidence=weld)
    cs3 = DiplomaFacts("56125401", "mc", 3, nsf="254", evidence=weld)
    tourism = DiplomaFacts("40033401", "bac_pro", 4, nsf="334")
    got = {
        (p.from_code, p.to_code): p for p in infer_passerelles([tci, cs, cap, cs3, tourism], set())
    }
    assert got[("40025411", "46125406")].rule == "bac-pro-to-specialisation"
    assert "H2913" in got[("40025411", "46125406")].field_match
    assert got[("50025437", "56125401")].rule == "cap-to-specialisation"
    assert ("50025437", "46125406") not in got  # a level-4 specialisation after a Bac pro
    assert not [k for k in got if k[0] == "40033401"]


def test_a_course_year_is_neither_start_nor_end_of_an_inferred_leg() -> None:
    # « 2NDE PROFESSIONNELLE PRODUCTION (BAC PRO) » (NSF 200) is the first year of Bac pros,
    # no diploma: it led straight to a BTS by bac-pro-to-bts (tester, session 19). A BTS
    # « 1re année commune » is entered after a Bac pro (its offers are listed on it), but
    # nobody holds it: no leg starts there
    seconde = DiplomaFacts("40020005", "bac_pro", 4, "200", course_year=True)
    cap = D("CAP1", "cap", 3, "200")
    bac = D("BP1", "bac_pro", 4, "200")
    first_year = DiplomaFacts("BTS1A", "bts", 5, "200", course_year=True)
    bts = D("BTS1", "bts", 5, "200")
    lp = D("LP1", "licence_pro", 6, "200")
    got = pairs([cap, seconde, bac, first_year, bts, lp])
    assert got == {
        ("CAP1", "BP1"): "cap-to-bac-pro",
        ("CAP1", "40020005"): "cap-to-bac-pro",  # as before: a Bac pro agricole's 2nde
        ("BP1", "BTS1"): "bac-pro-to-bts",
        ("BP1", "BTS1A"): "bac-pro-to-bts",
        ("BTS1", "LP1"): "bac2-to-licence-pro",
    }
    assert pairs([D("40020005", "bac_pro", 4, "200"), bts]) == {
        ("40020005", "BTS1"): "bac-pro-to-bts"
    }  # the same facts but the flag: the leg the flag removes


def test_no_admission_parallele_starts_at_a_bts_first_year() -> None:
    """answers20: the BTS SIO « 1re année commune » had 27 « admission parallèle » legs into
    BUT and licences pro nationally, as if one held it; its options keep theirs."""
    from graph.inference.admission_parallele import admission_parallele_legs
    from graph.inference.evidence import Evidence

    jobs = Evidence(rome=frozenset({"M1801"}))  # a BUT is entered with a job in common
    common = DiplomaFacts("32032612", "bts", 5, "326", course_year=True, evidence=jobs)
    option = DiplomaFacts("32032613", "bts", 5, "326", evidence=jobs)
    but = DiplomaFacts("PS-BUT-RT", "but", 6, "326", evidence=jobs)
    lp = DiplomaFacts("PS-LP-RESEAUX", "licence_pro", 6, "326")
    legs = admission_parallele_legs([common, option], [but, lp])
    assert {(leg.from_code, leg.to_code) for leg in legs} == {
        ("32032613", "PS-BUT-RT"),
        ("32032613", "PS-LP-RESEAUX"),
    }
    unmarked = DiplomaFacts("32032612", "bts", 5, "326", evidence=jobs)  # but the mark
    assert {leg.from_code for leg in admission_parallele_legs([unmarked], [but, lp])} == {
        "32032612"
    }
