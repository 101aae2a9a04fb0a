"""Rows of the national files: each kind of rejected row, the post-bac programme labels, the
name matching of seed actors, and the diploma-link parsers (no database)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.errors import SeedError
from graph.ingest.opendata import activity, certif_info, directories, postbac, professional
from graph.ingest.opendata.matching import SeedActor, match_seed_actors, name_words, same_name
from graph.ingest.opendata.plan import check_rejected, reference_centres, unnamed_establishment
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import DepartementRow
from graph.ingest.opendata.values import uai_in_france
from graph.models import SCHOOL_KINDS, DiplomaType

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_national"


def everything(uai: str) -> bool:
    return True


def edit(tmp_path: Path, name: str, line: int, change, encoding: str = "utf-8") -> Path:
    """A copy of a fixture file with one line changed (the bytes of the others kept)."""
    path = tmp_path / name
    shutil.copy(FIX / name, path)
    raw = path.read_bytes()
    nl = b"\r\n" if b"\r\n" in raw else b"\n"
    lines = raw.split(nl)
    lines[line - 1] = change(lines[line - 1].decode(encoding)).encode(encoding)
    path.write_bytes(nl.join(lines))
    return path


def fields(sep: str, updates: dict[int, str]):
    def change(text: str) -> str:
        parts = text.split(sep)
        for i, v in updates.items():
            parts[i] = v
        return sep.join(parts)

    return change


# --- each kind of rejected row --------------------------------------------------------------


def test_published_rejections_invalid_uai_and_places_abroad() -> None:
    rep = FileReport("x", "t")
    rows = list(activity.parse_bts(FIX / "BTS_attractivite_capacite_2022.csv", rep, everything))
    assert {(r.reason, r.column, r.value) for r in rep.rejected} == {
        ("invalid UAI", "UAI", "088998SS"),
        ("invalid UAI", "UAI", "C752887F"),
    }
    assert len(rows) + len(rep.rejected) == rep.rows_read
    rep = FileReport("x", "t")
    esr = directories.parse_esr(
        FIX / "fr-esr-principaux-etablissements-enseignement-superieur.csv", rep, everything
    )
    assert {r.reason for r in rep.rejected} == {"place abroad"}
    assert len(rep.rejected) == 4
    assert all(r.value not in ("", "France") for r in rep.rejected)
    assert all(e.insee is None or not e.insee.startswith("99") for e in esr.values())


@pytest.mark.parametrize(
    ("name", "line", "change", "encoding", "parse", "reason", "column"),
    [
        (  # a commune code that is not an INSEE code
            "CFASousConvRegionale_latest-UAI.csv",
            2,
            fields(";", {9: "7X001"}),
            "latin-1",
            directories.parse_cfa,
            "invalid commune code (INSEE)",
            "commune code column",
        ),
        (  # no name at all (neither denomination nor patronyme)
            "CFASousConvRegionale_latest-UAI.csv",
            3,
            fields(";", {11: "", 12: ""}),
            "latin-1",
            directories.parse_cfa,
            "missing name",
            "name",
        ),
        (  # a diploma code of the wrong shape
            "BTS_attractivite_capacite_2022.csv",
            2,
            fields(";", {6: "3202X", 7: "3202X"}),
            "utf-8",
            activity.parse_bts,
            "invalid diploma code (CFD)",
            "CFD rectifié",
        ),
        (  # a course-year code of the wrong shape
            "attractivite_capacite_2021.csv",
            2,
            fields(";", {1: "23820-22703"}),
            "utf-8",
            activity.parse_affelnet,
            "invalid course-year code (MEF_STAT_11)",
            "MEF STAT 11",
        ),
    ],
)
def test_each_kind_of_bad_row_is_rejected_or_stops_when_strict(
    tmp_path: Path, name, line, change, encoding, parse, reason, column
) -> None:
    path = edit(tmp_path, name, line, change, encoding)
    rep = FileReport(name, "t")
    out = parse(path, rep, everything)
    list(out.values() if isinstance(out, dict) else out)
    assert [(r.reason, r.column) for r in rep.rejected if r.line == line] == [(reason, column)]
    with pytest.raises(SeedError, match=f"line {line}"):
        out = parse(path, FileReport(name, "t", strict=True), everything)
        list(out.values() if isinstance(out, dict) else out)


def test_a_foreign_commune_is_a_place_abroad_and_strict_stops(tmp_path: Path) -> None:
    rep = FileReport("x", "t")
    directories.parse_cfa(FIX / "CFASousConvRegionale_latest-UAI.csv", rep, everything)
    assert [(r.reason, r.value) for r in rep.rejected] == [("place abroad", "99140")]
    with pytest.raises(SeedError, match="un lieu à l.étranger"):
        directories.parse_cfa(
            FIX / "CFASousConvRegionale_latest-UAI.csv",
            FileReport("x", "t", strict=True),
            everything,
        )


@pytest.mark.parametrize(
    ("uai", "french"),
    [
        ("0460010L", True),
        ("6200002K", True),  # Corse-du-Sud
        ("7200009X", True),  # Haute-Corse
        ("9740001H", True),
        ("9840010V", True),  # Polynésie
        ("1120002U", False),  # ESSCA Budapest in the Parcoursup extract
        ("1320001R", False),  # Dauphine London
        ("3500001A", False),
    ],
)
def test_a_uai_tells_whether_the_establishment_is_in_france(uai: str, french: bool) -> None:
    assert uai_in_france(uai) is french


def test_a_parcoursup_campus_abroad_is_a_place_abroad(tmp_path: Path) -> None:
    name = "fr-esr-parcoursup_extrait.csv"
    path = edit(tmp_path, name, 2, fields(",", {1: "1120002U"}))
    rep = FileReport(name, "t")
    out = directories.parse_parcoursup(path, rep, everything)
    abroad = [(r.line, r.value) for r in rep.rejected if r.reason == "place abroad"]
    assert abroad == [(2, "1120002U")]  # (the fixture's Casablanca rows are invalid UAIs)
    assert "1120002U" not in out
    with pytest.raises(SeedError, match="un lieu à l.étranger"):
        directories.parse_parcoursup(path, FileReport(name, "t", strict=True), everything)


def test_the_threshold_is_a_share_of_the_file(tmp_path: Path) -> None:
    rep = FileReport("f.csv", "t", rows_read=100)
    for line in range(2, 7):
        rep.reject(line, "invalid UAI", "UAI", "X")
    check_rejected(tmp_path / "f.csv", rep, 0.05)  # 5 % is not more than 5 %
    rep.reject(7, "missing name", "name", "")
    with pytest.raises(SeedError, match=r"6 lignes rejetées sur 100 \(6,0\s%"):
        check_rejected(tmp_path / "f.csv", rep, 0.05)


# --- names ----------------------------------------------------------------------------------


def test_an_unnamed_establishment_is_named_by_its_departement_never_its_uai() -> None:
    deps = {
        "076": DepartementRow(
            line=2, code="076", name="Seine-Maritime", region_code="28", region="Normandie"
        )
    }
    assert unnamed_establishment("0763418C", deps) == (
        "Établissement sans nom dans les fichiers publics (Seine-Maritime)"
    )
    assert unnamed_establishment("9990001A", deps) == (
        "Établissement sans nom dans les fichiers publics"
    )


def test_seed_actor_names_match_only_one_school_of_the_same_commune() -> None:
    assert name_words("Lycée Cabanis (Brive)") == {"cabanis"}
    assert same_name(name_words("Lycée Cabanis (Brive)"), name_words("LYCEE CABANIS"))
    assert same_name(
        name_words("École nationale supérieure des Mines d'Albi-Carmaux"),
        name_words("IMT Mines Albi-Carmaux"),
    )
    assert not same_name(name_words("Lycée Champollion"), name_words("Lycée Monnerville"))
    ests = [
        ("0190011A", "LYCEE CABANIS", "19031"),
        ("0190012B", "LYCEE CABANIS", "19272"),  # same name, another commune
        ("0460706T", "CFA IFA 46 CCI DU LOT", "46042"),
    ]
    seeds = [
        SeedActor("lycee-cabanis-brive", "Lycée Cabanis (Brive)", "19031", "lycee"),
        SeedActor("cci-lot", "CCI du Lot", "46042", "chamber"),  # not a school: never matched
        SeedActor("lycee-x", "Lycée X", None, "lycee"),  # no commune: never matched
    ]
    assert match_seed_actors(seeds, ests, taken=set()) == {"lycee-cabanis-brive": "0190011A"}
    assert match_seed_actors(seeds, ests, taken={"0190011A"}) == {}


def test_a_seed_lycee_is_the_one_establishment_with_exactly_its_words() -> None:
    """tester24: Saint-Chély-d'Apcher holds the lycée and its « Section d'enseignement
    professionnel »; both names hold the seed's words, only the lycée's are the same (kind
    words such as « polyvalent », « professionnel », « des métiers » ignored). Two
    establishments with exactly the seed's words: doubtful, none."""
    seed = SeedActor("roussel", "Lycée Théophile Roussel (Saint-Chély-d'Apcher)", "48140", "lycee")
    ests = [
        ("0480496D", "Section d'enseignement professionnel du Lycée Théophile Roussel", "48140"),
        ("0480688M", "Lycée polyvalent Théophile Roussel", "48140"),
    ]
    assert match_seed_actors([seed], ests, taken=set()) == {"roussel": "0480688M"}
    assert (
        match_seed_actors(
            [seed], [*ests, ("0489999X", "LP des métiers Théophile Roussel", "48140")], taken=set()
        )
        == {}
    )


def _match_every_name(
    seeds: list[SeedActor], ests: list[tuple[str, str, str | None]], taken: set[str]
) -> dict[str, str]:
    """match_seed_actors as it was written first: every establishment's name read."""
    by_commune: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for uai, name, insee in ests:
        if insee and uai not in taken:
            by_commune.setdefault(insee, []).append((uai, name_words(name)))
    out: dict[str, str] = {}
    used: set[str] = set()
    for s in seeds:
        words = name_words(s.name)
        if not s.insee or not words or s.kind not in {k.value for k in SCHOOL_KINDS}:
            continue
        hits = [(uai, w) for uai, w in by_commune.get(s.insee, []) if same_name(words, w)]
        if len(hits) > 1:  # several: the one with exactly the seed's words, if only one
            hits = [h for h in hits if h[1] == words]
        if len(hits) == 1 and hits[0][0] not in used:
            out[s.id] = hits[0][0]
            used.add(hits[0][0])
    return out


_NAMES = st.sampled_from(["Lycée Cabanis", "LYCEE CABANIS", "CFA du Lot", "Lycée X", "", "IUT"])
_COMMUNES = st.sampled_from(["19031", "19272", "46042", None, ""])


@given(
    seeds=st.lists(
        st.builds(
            SeedActor,
            st.text("abc", min_size=1, max_size=3),
            _NAMES,
            _COMMUNES,
            st.sampled_from(["lycee", "cfa", "university", "chamber", ""]),
        ),
        max_size=6,
        unique_by=lambda s: s.id,
    ),
    ests=st.lists(st.tuples(st.sampled_from(["A", "B", "C", "D", "E"]), _NAMES, _COMMUNES)),
    taken=st.sets(st.sampled_from(["A", "B", "C"])),
)
def test_seed_actor_matching_reads_only_the_names_of_the_seeds_communes_with_the_same_answer(
    seeds: list[SeedActor], ests: list[tuple[str, str, str | None]], taken: set[str]
) -> None:
    assert match_seed_actors(seeds, ests, taken) == _match_every_name(seeds, ests, taken)


# --- post-bac programmes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind", "type_", "level", "bac2", "speciality"),
    [
        (
            "BTS   Production   Electrotechnique",
            "bts",
            DiplomaType.BTS,
            5,
            False,
            "Electrotechnique",
        ),
        ("BUT   Informatique", "but", DiplomaType.BUT, 6, True, "Informatique"),
        ("Licence   Droit", "licence", DiplomaType.LICENCE, 6, False, "Droit"),
        (
            "Licence professionnelle   Assurance",
            "licence_pro",
            DiplomaType.LICENCE_PRO,
            6,
            True,
            "Assurance",
        ),
        ("CPGE   MPSI", "cpge", DiplomaType.CPGE, None, False, "MPSI"),
        (
            "Formation d ingenieur Bac + 5   Bac General",
            "ingenieur",
            DiplomaType.INGENIEUR,
            7,
            True,
            "Bac General",
        ),
        ("Formation des ecoles de commerce et de management Bac + 3", "other", None, 6, False, ""),
        ("D.E Infirmier", "other", DiplomaType.OTHER, None, False, ""),
    ],
)
def test_programme_labels_are_classified(label, kind, type_, level, bac2, speciality) -> None:
    p = postbac.classify(label)
    assert (p.kind.key, p.level, p.kind.admits_bac2, p.entry_level) == (kind, level, bac2, 4)
    assert type_ is None or p.kind.type == type_
    assert p.speciality == speciality


def test_programme_codes_are_stable_and_valid_diploma_codes() -> None:
    a = postbac.programme_code(postbac.classify("BUT   Informatique"))
    assert a == postbac.programme_code(postbac.classify("BUT   informatique "))
    assert a.startswith("PS-BUT-") and len(a) <= 40
    assert a != postbac.programme_code(postbac.classify("BUT   Chimie"))


def test_bts_labels_of_both_files_meet_on_one_key() -> None:
    psup = postbac.classify(
        "BTS   Production   Cybersecurite, Informatique et reseaux, ELectronique   "
        "Option A : Informatique et reseaux"
    )
    bts_file = (
        "BTS - Production - Cybersécurité, Informatique et réseaux, ÉLectronique - "
        "Option A : Informatique et réseaux - en apprentissage"
    )
    assert postbac.match_key(psup.speciality) == postbac.bts_file_key(bts_file)
    assert "mpsi" in postbac.bcn_keys("MPSI (MATHEMATIQUE, PHYSIQUE ET SCIENCES DE L'INGENIEUR)")
    assert "ecg" in postbac.bcn_keys("CLASSE PREPARATOIRE ECONOMIQUE ET COMMERCIALE GENERALE (ECG)")


def test_build_maps_bts_through_the_bts_files_and_keys_the_others() -> None:
    rows = [
        postbac.ProgrammeRow(2, "0761234A", "BTS   Production   Electrotechnique", 49.4, 1.1),
        postbac.ProgrammeRow(3, "0761234A", "BUT   Informatique", 49.4, 1.1),
        postbac.ProgrammeRow(4, "0765678B", "BTS   Production   Electrotechnique", 49.5, 1.0),
    ]
    pb = postbac.build(
        rows,
        bcn={"25112801": ("251", "INFORMATIQUE : PARCOURS A (BUT)", "326")},
        bts_labels={"electrotechnique": {"32025516"}},
        offered={("0765678B", "32025516")},
    )
    assert pb.mapped == {"BTS   Production   Electrotechnique": "32025516"}
    (code,) = pb.programmes
    assert code.startswith("PS-BUT-") and pb.nsf == {code: "326"}
    assert [(o.uai, o.code) for o in pb.offers] == [
        ("0761234A", "32025516"),
        ("0761234A", code),
    ]
    assert pb.already_offered == 1


def test_a_class_for_bacheliers_professionnels_is_not_the_class_of_its_first_part() -> None:
    """« CPGE TSI (en 3 ans, destinée aux bacs professionnels) » was mapped to the TSI class of
    the bacheliers STI2D (BCN 37011022): a bac STI2D was sent to a class for bacs pros."""
    tsi = "37011022"
    rows = [
        postbac.ProgrammeRow(2, "0710054Y", "CPGE   TSI", 46.7, 4.8),
        postbac.ProgrammeRow(
            3, "0710054Y", "CPGE   TSI   (en 3 ans, destinee aux bacs professionnels)", 46.7, 4.8
        ),
    ]
    bcn: dict[str, tuple[str, str, str | None]] = {
        tsi: ("370", "TECHNOLOGIE ET SCIENCES INDUSTRIELLES (TSI)", "200")
    }
    pb = postbac.build(rows, bcn=bcn, bts_labels={}, offered=set())
    assert pb.mapped == {"CPGE   TSI": tsi}
    (own,) = pb.programmes
    assert own.startswith("PS-CPGE-")
    assert sorted(o.code for o in pb.offers) == sorted([tsi, own])


# --- what a diploma leads to ----------------------------------------------------------------


def test_certif_info_gives_readable_names_and_links_and_leaves_ambiguous_codes_out(
    tmp_path: Path,
) -> None:
    rep = FileReport("c", "t")
    certs = certif_info.parse_certif_info(FIX / "certif_info.csv", rep)
    assert certs
    c = next(iter(certs.values()))
    assert c.label != c.label.upper() and all(len(r) == 5 for r in c.romes)
    # two certifications of one CFD with different labels: the CFD is left out
    path = tmp_path / "certif_info.csv"
    lines = (FIX / "certif_info.csv").read_text(encoding="utf-8").splitlines()
    first = lines[1].split(";")
    other = list(first)
    other[1] = "Un autre libellé"
    path.write_text("\n".join([lines[0], ";".join(first), ";".join(other)]) + "\n", "utf-8")
    rep = FileReport("c", "t")
    assert certif_info.parse_certif_info(path, rep) == {}
    assert rep.skipped["CFD shared by certifications of different labels (ambiguous)"] == 1


def test_professional_diplomas_and_families() -> None:
    assert professional.cfd_of("400-24202 V") == "40024202"
    assert professional.cfd_of("n/a") is None
    pro = professional.parse_diplomes_professionnels(
        FIX / "diplomesProfessionnels.csv", FileReport("p", "t")
    )
    assert pro and all(p.cpc.startswith("CPC") for p in pro.values())
    assert any(p.label.startswith("Bac pro ") for p in pro.values())
    fam = professional.parse_familles_metiers(FIX / "familleMetiers.csv", FileReport("f", "t"))
    assert len(fam) == 90 and all(f.common_cfd for f in fam.values())


def test_commune_centres_from_the_reference_cover_arrondissements_and_new_communes() -> None:
    """Paris 1er (75101) and Marseille 1er (13201) are municipal arrondissements (the CFA list
    uses them), Terres-de-Caux (76258) a commune nouvelle: all three have a centre; a foreign
    code has none."""
    centres = reference_centres({"75101", "13201", "76258", "99140"})
    assert set(centres) == {"75101", "13201", "76258"}
    paris, marseille = centres["75101"], centres["13201"]
    assert paris.lat is not None and paris.lon is not None and marseille.lat is not None
    assert 48.85 < paris.lat < 48.87 and 2.32 < paris.lon < 2.36
    assert 43.29 < marseille.lat < 43.31


def test_a_btsa_speciality_is_parcoursup_s_option_and_its_acronym_inside_is_no_word() -> None:
    """« BTS – Agricole – Analyse, conduite et strategie de l entreprise agricole, option
    Territoires metropolitains » is the BCN's « … AGRICOLE (ACS'AGRI) SPECIALITE TERRITOIRES
    METROPOLITAINS (BTSA) » (tester26: its 90 offers were a programme with no link, beside the
    BTSA of the same lycées); the ultra-marine speciality stays apart."""
    label = (
        "BTS   Agricole   Analyse, conduite et strategie de l entreprise agricole, option "
        "Territoires metropolitains"
    )
    rows = [postbac.ProgrammeRow(2, "0480019F", label, 44.8, 3.3)]
    bcn: dict[str, tuple[str, str, str | None]] = {
        "32321015": (
            "323",
            "ANALYSE, CONDUITE ET STRATEGIE DE L'ENTREPRISE AGRICOLE (ACS'AGRI) SPECIALITE "
            "TERRITOIRES METROPOLITAINS (BTSA)",
            "210",
        ),
        "32321016": (
            "323",
            "ANALYSE, CONDUITE ET STRATEGIE DE L'ENTREPRISE AGRICOLE (ACS'AGRI) SPECIALITE "
            "TERRITOIRES ULTRA-MARINS (BTSA)",
            "210",
        ),
    }
    pb = postbac.build(rows, bcn=bcn, bts_labels={}, offered={("0480019F", "32321015")})
    assert pb.mapped == {label: "32321015"}
    assert not pb.programmes and not pb.offers and pb.already_offered == 1
