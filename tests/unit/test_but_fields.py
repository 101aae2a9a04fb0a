"""The fields of the Parcoursup extract's BUT (graph.ingest.opendata.postbac), the legs into a BUT
whose parcours the BCN classes apart (graph.inference), and what an answer says of goals whose
field the files do not give (graph.pathways.unreached_goals). Pure rules, no database."""

from __future__ import annotations

from typing import Any

from graph.inference.admission_parallele import admission_parallele_legs
from graph.inference.bac_techno_legs import bac_techno_programme_legs
from graph.inference.evidence import Evidence
from graph.inference.rules import DiplomaFacts
from graph.ingest.opendata.postbac import ProgrammeRow, build
from graph.pathways.unreached_goals import unreached_goals, unreached_goals_sentence

# BCN rows (vFormationDiplome_, type 251): code -> (type code, long label, NSF group)
BCN: dict[str, tuple[str, str, str | None]] = {
    "25120101": ("251", "GENIE ELECTRIQUE ET INFORMATIQUE INDUSTRIELLE : AUTOMATISME ET "
                 "INFORMATIQUE INDUSTRIELLE (BUT)", "201"),
    "25125001": ("251", "GENIE ELECTRIQUE ET INFORMATIQUE INDUSTRIELLE : ELECTRICITE ET "
                 "MAITRISE DE L'ENERGIE (BUT)", "250"),
    "25132601": ("251", "GENIE ELECTRIQUE ET INFORMATIQUE INDUSTRIELLE : ELECTRONIQUE ET "
                 "SYSTEMES EMBARQUES (BUT)", "326"),
    "25133001": ("251", "CARRIERES SOCIALES : COORDINATION ET GESTION DES ETABLISSEMENTS ET "
                 "SERVICES SANITAIRES ET SOCIAUX (CGE3S) (BUT)", "330"),
    "25133201": ("251", "CARRIERES SOCIALES : ASSISTANCE SOCIALE (BUT)", "332"),
    "25132602": ("251", "INFORMATIQUE : ADMINISTRATION, GESTION ET EXPLOITATION DES DONNEES (BUT)",
                 "326"),
}  # fmt: skip
GEII = "BUT   Genie electrique et informatique industrielle"
CGE3S = (
    "BUT   Carrieres sociales parcours coordination et gestion des etablissements et services "
    "sanitaires et sociaux"
)
LABELS = [
    GEII,
    f"{GEII}   Parcours Marine Nationale",
    CGE3S,
    "BUT   Carrieres sociales Parcours assistance sociale",
    "BUT   Informatique",
    "BUT   Techniques de commercialisation des systemes industriels",
]


def _built() -> tuple[dict[str, str | None], dict[str, tuple[str, ...]]]:
    rows = [ProgrammeRow(i, f"00000{i:02d}A", label, None, None) for i, label in enumerate(LABELS)]
    pb = build(rows, BCN, {}, set())
    by_label = {p.label: c for c, p in pb.programmes.items()}
    return (
        {label: pb.nsf.get(by_label[label]) for label in LABELS},
        {label: pb.nsf_groups.get(by_label[label], ()) for label in LABELS},
    )


def test_a_but_naming_its_parcours_takes_that_parcours_group() -> None:
    nsf, groups = _built()
    assert nsf[CGE3S] == "330"  # the BCN label's trailing « (CGE3S) » does not hide it
    assert nsf["BUT   Carrieres sociales Parcours assistance sociale"] == "332"
    assert nsf["BUT   Informatique"] == "326" and groups["BUT   Informatique"] == ()


def test_a_speciality_whose_parcours_the_bcn_classes_apart_carries_all_their_groups() -> None:
    nsf, groups = _built()
    for label in (GEII, f"{GEII}   Parcours Marine Nationale"):
        assert nsf[label] is None and groups[label] == ("201", "250", "326")


def test_a_but_the_bcn_does_not_name_has_no_field() -> None:
    nsf, groups = _built()
    label = "BUT   Techniques de commercialisation des systemes industriels"
    assert nsf[label] is None and groups[label] == ()


def _jobs(*codes: str) -> Evidence:
    return Evidence(rome=frozenset(codes))


# a BUT is entered with a job of its speciality in common (its ROME codes in Certif Info)
BUT_GEII = DiplomaFacts(
    "PS-BUT-GEII", "but", 6, nsf_groups=("201", "250", "326"), evidence=_jobs("H1209", "I1304")
)


def test_a_bts_enters_a_but_one_of_whose_parcours_is_of_its_domain() -> None:
    electrotechnique = DiplomaFacts("32025520", "bts", 5, nsf="255", evidence=_jobs("I1304"))
    tourism = DiplomaFacts("32033410", "bts", 5, nsf="334", evidence=_jobs("I1304"))
    legs = admission_parallele_legs([electrotechnique, tourism], [BUT_GEII])
    assert [(p.from_code, p.to_code) for p in legs] == [("32025520", "PS-BUT-GEII")]
    assert "groupe NSF 250" in legs[0].field_match
    sio = DiplomaFacts("32032610", "bts", 5, nsf="326", evidence=_jobs("H1209"))
    (leg,) = admission_parallele_legs([sio], [BUT_GEII])  # the same group as a parcours
    assert leg.field_match == "groupe NSF 326 ; partagent les métiers ROME H1209"
    assert leg.strength == 0.3


def test_a_bts_enters_a_but_of_its_nsf_group_only_with_a_job_in_common() -> None:
    """tester24: the rule says « BUT de la même spécialité » but matched the NSF group alone:
    331 (santé) sent the BTS opticien-lunetier (ROME J1405) to BUT carrières sociales
    (coordination des établissements sanitaires et sociaux: K1201, K1403) and BUT génie
    biologique diététique (D1405, G1404, H1210). A job in common is asked of a BUT (not of a
    licence pro: the rule of this finding only); a BUT without known jobs gets no leg."""
    optician = DiplomaFacts("32033107", "bts", 5, nsf="331", evidence=_jobs("J1405"))
    social = DiplomaFacts("PS-BUT-CS", "but", 6, nsf="331", evidence=_jobs("K1201", "K1403"))
    diet = DiplomaFacts("PS-BUT-GB", "but", 6, nsf="331", evidence=_jobs("D1405", "G1404"))
    unknown = DiplomaFacts("PS-BUT-X", "but", 6, nsf="331")
    lp = DiplomaFacts("PS-LP-331", "licence_pro", 6, nsf="331")
    legs = admission_parallele_legs([optician], [social, diet, unknown, lp])
    assert [(p.from_code, p.to_code, p.rule) for p in legs] == [
        ("32033107", "PS-LP-331", "bts-lp-ap")
    ]
    nurse = DiplomaFacts("PS-BUT-N", "but", 6, nsf="331", evidence=_jobs("J1405", "J1506"))
    (leg,) = admission_parallele_legs([optician], [nurse])
    assert leg.field_match == "groupe NSF 331 ; partagent les métiers ROME J1405"


def test_a_bac_techno_reaches_a_but_through_any_of_its_parcours_groups() -> None:
    sti2d = DiplomaFacts("43020003", "bac_techno", 4, nsf="200")
    st2s = DiplomaFacts("43033101", "bac_techno", 4, nsf="331")
    legs = bac_techno_programme_legs([sti2d, st2s], [BUT_GEII])
    assert [(p.from_code, p.to_code) for p in legs] == [("43020003", "PS-BUT-GEII")]


def test_a_goal_whose_parcours_are_of_the_field_is_said_unreached() -> None:
    offered: dict[str, dict[str, Any]] = {
        "1": {"code": "1", "name": "BUT GEII", "nsf_groups": ["201", "250", "326"]},
        "2": {"code": "2", "name": "BUT tourisme", "nsf": "334"},
    }
    left = unreached_goals(offered, set(), start_nsf="255")
    assert [d["name"] for d in left] == ["BUT GEII"]


def test_a_goal_whose_field_is_unknown_is_said_not_left_out() -> None:
    """5 BUT of 60 have no NSF group in the national files: from a Bac pro of a known field,
    they were never named although offered in the territory and reached by no pathway."""
    offered: dict[str, dict[str, Any]] = {
        "1": {"code": "1", "name": "BUT GEII", "nsf_groups": ["250"]},
        "2": {"code": "2", "name": "BUT tourisme", "nsf": "334"},
        "3": {"code": "3", "name": "BUT TCSI"},
    }
    left = unreached_goals(offered, set(), start_nsf="255")
    assert [d["name"] for d in left] == ["BUT GEII", "BUT TCSI"]
    sentence = unreached_goals_sentence(
        left, goal="BUT", territory_phrase="ici", field="Électricité", from_diploma=True
    )
    assert sentence is not None
    assert sentence.endswith(
        "Aussi proposé ici, 1 diplôme de l'objectif (BUT) de domaine inconnu dans les données "
        "(les fichiers publics ne donnent pas son groupe NSF) : on ne sait pas s'il est du "
        "domaine du diplôme de départ, ni quelle passerelle y mène : BUT TCSI. À vérifier "
        "auprès des établissements."
    ), sentence
    # alone: said all the same
    only = unreached_goals({"3": offered["3"]}, set(), start_nsf="255")
    assert [d["name"] for d in only] == ["BUT TCSI"]


def test_the_sentence_says_apart_the_goals_whose_field_is_unknown() -> None:
    left: list[dict[str, Any]] = [
        {"code": "1", "name": "BUT GEII", "nsf_groups": ["250"]},
        {"code": "3", "name": "X"},
    ]
    sentence = unreached_goals_sentence(
        left, goal="BUT", territory_phrase="ici", field="Électricité", from_diploma=True
    )
    assert sentence is not None
    assert "1 autre diplôme de l'objectif (BUT), du même domaine" in sentence
    assert "de domaine inconnu dans les données" in sentence and sentence.count("X") == 1


def test_a_generic_nsf_group_alone_opens_no_admission_parallele() -> None:
    """BTS CIEL option A (NSF 201) entered the BUT Packaging, emballage et conditionnement
    (NSF 200, « technologies industrielles fondamentales ») on the « plusieurs spécialités »
    group of the domain: 200 heads every production field (GENERIC_GROUPS). The group of a
    narrower domain still matches (BTS électrotechnique 255 -> a BUT parcours in 250)."""
    ciel = DiplomaFacts("32020109", "bts", 5, nsf="201", evidence=_jobs("I1304"))
    elec = DiplomaFacts("32025520", "bts", 5, nsf="255", evidence=_jobs("I1304"))
    packaging = DiplomaFacts("PS-BUT-PEC", "but", 6, nsf="200", evidence=_jobs("I1304"))
    lp_200 = DiplomaFacts("PS-LP-200", "licence_pro", 6, nsf="200")
    geii = DiplomaFacts("PS-BUT-GEII", "but", 6, nsf_groups=("250",), evidence=_jobs("I1304"))
    found = admission_parallele_legs([ciel, elec], [packaging, lp_200, geii])
    legs = {(leg.from_code, leg.to_code) for leg in found}
    assert ("32020109", "PS-BUT-PEC") not in legs
    assert ("32020109", "PS-LP-200") not in legs
    assert ("32025520", "PS-BUT-GEII") in legs
