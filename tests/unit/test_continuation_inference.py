"""Inferred continuations with evidence (graph.inference, graph.ingest.continuations).

The fixture files (tests/fixtures/continuations/files, cut from the national files by
make_fixtures.py) describe the diplomas of the continuation reference and their rivals: the
inference over them must keep the expected continuations and never link a forbidden pair.
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest

from graph.inference import DiplomaFacts, infer_passerelles
from graph.inference.evidence import Evidence, shared_evidence
from graph.inference.fields import forbidden_reason, nsf_family
from graph.inference.records import leg_props, passerelle_props, source_of
from graph.inference.rules import KEEP, MIN_STRENGTH, WEAK_KEEP, WEAK_LINK, WEAK_STRENGTH
from graph.ingest.continuations import (
    common_secondes,
    inherit,
    load_evidence,
    read_links,
    read_own_evidence,
)

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "continuations"
FILES = HERE / "files"
TYPES = {"500": "cap", "503": "cap", "400": "bac_pro", "403": "bac_pro", "320": "bts", "323": "bts"}


def _reference() -> dict:
    return tomllib.loads((HERE / "reference.toml").read_text(encoding="utf-8"))


def _facts() -> list[DiplomaFacts]:
    evidence = load_evidence(FILES)
    secondes = common_secondes(FILES)
    with (FILES / "nFormationDiplome_.csv").open(encoding="cp1252", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    return [
        DiplomaFacts(
            code=r["FORMATION_DIPLOME"],
            type=TYPES[r["NIVEAU_FORMATION_DIPLOME"]],
            level=None,
            nsf=r["GROUPE_SPECIALITE"],
            evidence=evidence.get(r["FORMATION_DIPLOME"], Evidence()),
            target=r["FORMATION_DIPLOME"] not in secondes,
        )
        for r in rows
        if r["NIVEAU_FORMATION_DIPLOME"] in TYPES
        and (not r["DATE_FERMETURE"] or int(r["DATE_FERMETURE"][-4:]) >= 2025)
    ]


@pytest.fixture(scope="module")
def inferred() -> dict[str, list]:
    out: dict[str, list] = {}
    for p in infer_passerelles(_facts(), set()):
        out.setdefault(p.from_code, []).append(p)
    for legs in out.values():
        legs.sort(key=lambda p: (-p.strength, p.to_code))
    return out


# --- each kind of evidence ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        (Evidence(rome=frozenset({"G1602"})), Evidence(rome=frozenset({"G1602"})), "ROME G1602"),
        (
            Evidence(rome=frozenset({"G1601"})),
            Evidence(rome=frozenset({"G1603"})),
            "domaines de métiers ROME G16",
        ),
        (
            Evidence(formacode=frozenset({"42752"})),
            Evidence(formacode=frozenset({"42752"})),
            "même Formacode 42752",
        ),
        (
            Evidence(formacode=frozenset({"42752"})),
            Evidence(formacode=frozenset({"42766"})),
            "même champ Formacode 427xx",
        ),
        (
            Evidence(secteur="Tourisme, hôtellerie, restauration"),
            Evidence(secteur="Tourisme, hôtellerie, restauration"),
            "même ancienne commission professionnelle consultative (Tourisme, hôtellerie, "
            "restauration)",
        ),
        (Evidence(cpc="Industrie"), Evidence(cpc="Industrie"), "(Industrie)"),
        (
            Evidence(family="Métiers X"),
            Evidence(family="Métiers X"),
            "famille de métiers Métiers X",
        ),
    ],
)
def test_each_kind_of_evidence_counts_and_is_said(a: Evidence, b: Evidence, words: str) -> None:
    shared = shared_evidence(a, b)
    assert shared.points > 0 and 0 < shared.strength <= 1
    assert words in shared.sentence
    assert shared_evidence(a, Evidence()).points == 0


def test_nsf_group_and_domain_count_less_than_jobs() -> None:
    same_group = shared_evidence(Evidence(), Evidence(), "221", "221")
    same_domain = shared_evidence(Evidence(), Evidence(), "221", "222")
    jobs = shared_evidence(Evidence(rome=frozenset({"G1602"})), Evidence(rome=frozenset({"G1602"})))
    assert "groupe NSF 221" in same_group.sentence and "domaine NSF 22x" in same_domain.sentence
    assert jobs.strength > same_group.strength > same_domain.strength > 0


def test_strength_is_capped() -> None:
    rome = frozenset({"A1410", "A1411", "A1416", "A1407"})
    full = Evidence(rome=rome, formacode=frozenset({"21052"}), cpc="X", secteur="Y", family="Z")
    assert shared_evidence(full, full, "210", "210").strength == 1.0


def test_readers_take_cfd_cpc_and_secteur() -> None:
    own = read_own_evidence(FILES)
    cuisine = own["40022106"]  # « 400-22106 T » in diplomesProfessionnels
    assert {"G1601", "G1602"} <= cuisine.rome and "42752" in cuisine.formacode
    assert cuisine.cpc == "Services et produits de consommation"
    assert cuisine.secteur == "Tourisme, hôtellerie, restauration"
    assert own["40031213"].family == "Métiers de la relation client"


# --- inheritance ------------------------------------------------------------------------


def test_common_first_year_inherits_its_options() -> None:
    own = read_own_evidence(FILES)
    assert "32033422" not in own or not own["32033422"].rome  # BTS MHR 1re année commune
    mhr = load_evidence(FILES)["32033422"]
    assert {"G1401", "G1402", "G1703"} <= mhr.rome
    assert any(v.startswith("option 3203342") for v in mhr.inherited)


def test_option_without_evidence_inherits_its_common_year() -> None:
    own = {"C0000001": Evidence(rome=frozenset({"G1401"}))}
    out = inherit(own, {"C0000001": {"O0000001"}}, {})
    assert out["O0000001"].rome == {"G1401"}
    assert out["O0000001"].inherited == ("1re année commune C0000001",)


def test_new_code_inherits_through_the_bcn_lineage() -> None:
    options, lineage = read_links(FILES)
    assert "40025214" in lineage["40025224"]  # Bac pro MV option A -> option véhicules légers
    own = read_own_evidence(FILES)
    assert "40025224" not in own or not own["40025224"].rome
    new = load_evidence(FILES)["40025224"]
    assert "I1604" in new.rome and new.inherited == ("diplôme apparenté 40025214",)
    assert options["32033422"] == {"32033423", "32033424", "32033425"}


def test_links_are_read_as_a_dict_reader_reads_them(tmp_path: Path) -> None:
    """read_links reads only the columns it needs, with csv.DictReader's reading: a column
    the header lacks or a row too short gives nothing, a column named twice its last value
    (none when the row stops before it), empty lines skipped, codes trimmed and upper-cased,
    a code never its own relative."""
    (tmp_path / "nFormationDiplome_.csv").write_bytes(
        "FORMATION_DIPLOME;ANCIEN_DIPLOME_1;LIBELLE;NOUVEAU_DIPLOME_1;ANCIEN_DIPLOME_1\n"
        "40025214;50000001;Véhicules;40025224;50000002\n"
        "\n"
        " 40025224 ;;x;40025224\n"
        "4002522x;40000009;x;;\n"
        "40099999;40000008\n"
        "40000007\n".encode("cp1252")
    )
    (tmp_path / "optionsBTS.csv").write_text(
        "\ufeffCFD_COMMUN;CFD_SPECIALITE\n32033422;32033423\n32033422\n;32033424\n",
        encoding="utf-8",
    )
    options, lineage = read_links(tmp_path)
    assert options == {"32033422": {"32033423"}}
    assert lineage == {
        "40025214": {"50000002", "40025224"},
        "50000002": {"40025214"},
        "40025224": {"40025214"},
    }


def test_lineage_does_not_override_own_jobs() -> None:
    own = {"N": Evidence(rome=frozenset({"H1504"})), "O": Evidence(rome=frozenset({"F1602"}))}
    out = inherit(own, {}, {"N": {"O"}, "O": {"N"}})
    assert out["N"].rome == {"H1504"} and out["O"].rome == {"F1602"}


# --- forbidden fields ---------------------------------------------------------------------


def test_jobs_and_training_fields_apart_are_forbidden() -> None:
    cuisine = Evidence(rome=frozenset({"G1602"}), formacode=frozenset({"42752"}))
    lab = Evidence(rome=frozenset({"H1503"}), formacode=frozenset({"11054"}))
    assert forbidden_reason(cuisine, lab, "221", "221") is not None
    # same Formacode domain: a restaurant CAP coded H2100 still leads to Bac pro Cuisine
    psr = Evidence(rome=frozenset({"H2100"}), formacode=frozenset({"42746"}))
    assert forbidden_reason(psr, cuisine, "221", "221") is None


def test_nsf_families_apart_are_forbidden_without_a_common_job_domain() -> None:
    mode = Evidence(rome=frozenset({"B1805", "H2505"}))
    elec = Evidence(rome=frozenset({"H1504", "I1309"}))
    assert nsf_family("242") == "mode" and nsf_family("255") == "industrie"
    assert forbidden_reason(mode, elec, "242", "255") is not None
    assert forbidden_reason(Evidence(), Evidence(), "312", "252") is not None  # commerce -> auto
    assert forbidden_reason(Evidence(), Evidence(), "221", "334") is None  # cuisine -> hôtellerie
    assert forbidden_reason(Evidence(), Evidence(), "255", "326") is None  # électronique -> info


def test_no_forbidden_pair_of_the_reference_is_inferred(inferred: dict[str, list]) -> None:
    for f in _reference()["forbidden"]:
        got = {p.to_code for p in inferred.get(f["from"], [])}
        assert not got & set(f["to"]), (f["from"], f["reason"], got & set(f["to"]))


def test_common_secondes_are_never_targets(inferred: dict[str, list]) -> None:
    secondes = common_secondes(FILES)
    assert "40322104" in secondes and "40033404" in secondes
    assert not {p.to_code for legs in inferred.values() for p in legs} & secondes


# --- the inference over the reference diplomas ---------------------------------------------


def test_expected_continuations_are_inferred_and_strongest(inferred: dict[str, list]) -> None:
    pairs = _reference()["pair"]
    kept = first = 0
    for p in pairs:
        expected = set(p["to"]) | set(p.get("predecessors", ()))
        legs = inferred.get(p["from"], [])
        kept += any(leg.to_code in expected for leg in legs)
        first += bool(legs) and legs[0].to_code in expected
    assert kept / len(pairs) >= 0.9, kept
    assert first / len(pairs) >= 0.6, first


def test_only_the_strongest_legs_are_kept(inferred: dict[str, list]) -> None:
    by_origin: dict[tuple[str, str], list] = {}
    for legs in inferred.values():
        for p in legs:
            if not p.field_match.startswith(("groupe NSF", "filière")):  # evidence-scored
                by_origin.setdefault((p.from_code, p.rule), []).append(p)
    assert by_origin
    for legs in by_origin.values():
        assert len(legs) <= KEEP
        # a weak link (one broad classification in common, legs24) keeps its place among the
        # strongest, at WEAK_STRENGTH at most, said so
        links = [p for p in legs if p.field_match.startswith(WEAK_LINK)]
        assert all(p.strength <= WEAK_STRENGTH for p in links), links
        others = [p for p in legs if p not in links]
        weak = [p for p in others if p.strength < MIN_STRENGTH]
        # weak legs only where nothing reaches MIN_STRENGTH, and then only a few
        assert not weak or (len(weak) == len(others) <= WEAK_KEEP)


def test_cuisine_leads_to_hotel_management_with_its_evidence(inferred: dict[str, list]) -> None:
    legs = {p.to_code: p for p in inferred["40022106"]}
    mhr = legs["32033422"]
    assert (
        "même ancienne commission professionnelle consultative (Tourisme, hôtellerie, restauration)"
        in mhr.field_match
    )
    assert not set(legs) & {"32022104", "32022106", "32022207", "32022209", "32022210"}
    props = passerelle_props(mhr, source_of(mhr, "nFormationDiplome_.csv"))
    assert props["strength"] == mhr.strength and props["evidence"] == mhr.field_match
    # the conditions people read say the evidence without codes (graph/evidence_words.py)
    assert props["conditions"].endswith(f"Correspondance : {props['evidence_words']}.")
    assert "427xx" in props["evidence"] and "427xx" not in props["conditions"]
    leg = leg_props(mhr, props["source"])
    assert (leg["passerelle_origin"], leg["strength"]) == ("inferred", mhr.strength)


def test_a_renovated_diploma_takes_its_predecessors_former_commission() -> None:
    """diplomesProfessionnels gives no « Secteur » (the former CPC) to the diplomas created
    since 2024: the Bac pro MELEC 40025520 had none while the CIEL, the CAP électricien and the
    MELEC it replaces had « Métallurgie », so CAP électricien → Bac pro CIEL scored 1.5 points
    CAP électricien → Bac pro MELEC could not. It takes its predecessor's, said as what it is."""
    rome = frozenset({"F1602"})
    own = {
        "40025510": Evidence(rome=rome, cpc="Industrie", secteur="Métallurgie"),
        "40025520": Evidence(rome=rome, cpc="Industrie"),
        "50025524": Evidence(rome=rome, cpc="Industrie", secteur="Métallurgie"),
    }
    got = inherit(own, {}, {"40025520": {"40025510"}, "40025510": {"40025520"}})
    assert got["40025520"].secteur == "Métallurgie"
    shared = shared_evidence(got["50025524"], got["40025520"])
    assert "même ancienne commission professionnelle consultative (Métallurgie)" in shared.sentence
    assert "même secteur" not in shared.sentence
    assert shared.points == shared_evidence(own["50025524"], own["40025510"]).points
