"""An inferred CAP → Bac pro or Bac pro → BTS leg needs its two diplomas to share something of
their trade (graph/inference/evidence.py, ``trade_basis``; rules.py, ``_scored``; legs24): the
commissions professionnelles consultatives alone make none; one broad classification alone (a
ROME domain, a Formacode field, an NSF domain, a title word) makes a weak leg, of strength 0.1 at
most, said « lien faible », dropped where a better leg reaches another option of the programme.
Pure functions over plain data."""

from __future__ import annotations

from collections.abc import Iterable

from graph.inference import DiplomaFacts, infer_passerelles
from graph.inference.evidence import (
    BROAD,
    NONE,
    TRADE,
    WEAK,
    Evidence,
    EvidenceKeys,
    evidence_keys,
    trade_basis,
)
from graph.inference.rules import WEAK_LINK, WEAK_STRENGTH


def keys(
    rome: Iterable[str] = (),
    forma: Iterable[str] = (),
    *,
    metal: bool = False,
    family: str | None = None,
) -> EvidenceKeys:
    """``metal``: the former and the new commissions of the Bac pro froid, the CAP
    chaudronnerie, MELEC, CIEL… (« Métallurgie », « Industrie »)."""
    return evidence_keys(
        Evidence(
            rome=frozenset(rome),
            formacode=frozenset(forma),
            cpc="Industrie" if metal else None,
            secteur="Métallurgie" if metal else None,
            family=family,
        )
    )


def test_what_two_diplomas_share_of_their_trade() -> None:
    froid = keys({"I1306"}, {"22604"}, metal=True)
    ciel = keys({"H1504", "I1305"}, {"24231"}, metal=True)
    # a job, a Formacode, the NSF group, the famille: the trade
    assert trade_basis(froid, keys({"I1306"}), "255", "227") == TRADE
    assert trade_basis(froid, keys(forma={"22604"}), "255", "227") == TRADE
    assert trade_basis(froid, ciel, "255", "255") == TRADE
    fam = keys(family="Métiers des transitions numérique et énergétique")
    assert trade_basis(fam, fam) == TRADE
    # one broad classification: weak; two: broad
    assert trade_basis(froid, ciel, "255", "201") == WEAK  # ROME domain I13
    assert trade_basis(froid, keys(forma={"22699"}), "255", "227") == WEAK  # Formacode 226xx
    assert trade_basis(keys(metal=True), keys(metal=True), "254", "255") == WEAK  # NSF domain 25x
    words = frozenset({"MAINTENANCE"})
    assert trade_basis(keys(), keys(), title_a=words, title_b=words) == WEAK
    assert trade_basis(froid, ciel, "255", "250") == BROAD  # I13 and 25x
    assert trade_basis(froid, ciel, "255", "201", words, words) == BROAD  # I13 and a word
    # the commissions alone: nothing of the trade
    assert trade_basis(keys(metal=True), keys(metal=True), "254", "201") == NONE
    assert trade_basis(froid, ciel) == WEAK
    assert trade_basis(keys(metal=True), keys(metal=True)) == NONE


def D(
    code: str, type_: str, level: int, nsf: str, rome: set[str], family: str = ""
) -> DiplomaFacts:
    """A diploma of the former and new commissions « Métallurgie » and « Industrie »."""
    evidence = Evidence(rome=frozenset(rome), cpc="Industrie", secteur="Métallurgie")
    return DiplomaFacts(code, type_, level, nsf=nsf, evidence=evidence, family=family)


def legs(diplomas: list[DiplomaFacts]) -> dict[tuple[str, str], tuple[float, str]]:
    return {
        (p.from_code, p.to_code): (p.strength, p.field_match)
        for p in infer_passerelles(diplomas, set())
    }


def test_the_commissions_alone_make_no_leg() -> None:
    cap = D("50025437", "cap", 3, "254", {"H2902"})
    tci = D("40025411", "bac_pro", 4, "254", {"H2902"})
    aero = D("40025302", "bac_pro", 4, "201", {"H1503"})  # only the commissions in common
    got = legs([cap, tci, aero])
    assert ("50025437", "40025411") in got
    assert ("50025437", "40025302") not in got, got
    # not even for want of better (it was kept among the strongest few below 0.2)
    assert legs([cap, aero]) == {}


def test_one_broad_domain_makes_a_weak_leg_said_so() -> None:
    cap = D("50025437", "cap", 3, "254", {"H2902"})
    tci = D("40025411", "bac_pro", 4, "254", {"H2902"})
    melec = D("40025520", "bac_pro", 4, "255", {"F1602", "H1504"})  # the NSF domain 25x only
    got = legs([cap, tci, melec])
    strength, said = got[("50025437", "40025520")]
    assert strength == WEAK_STRENGTH == 0.1
    assert said.startswith(f"{WEAK_LINK} ; ") and "même domaine NSF 25x" in said, said
    assert "même ancienne commission professionnelle consultative (Métallurgie)" in said, said
    assert got[("50025437", "40025411")][0] > 0.5  # the Bac pro of the trade, said as before
    assert not got[("50025437", "40025411")][1].startswith(WEAK_LINK)


def test_a_weak_leg_into_an_option_a_better_leg_reaches_is_dropped() -> None:
    froid = D("40025517", "bac_pro", 4, "255", {"I1306"})
    ciel = "CYBERSECURITE INFORMATIQUE ET RESEAUX ELECTRONIQUE"
    ciel_a = D("32020116", "bts", 5, "201", {"H1504", "I1305"}, family=ciel)  # I13 only
    ciel_b = D("32025521", "bts", 5, "255", {"H1504", "I1305"}, family=ciel)  # NSF 255 too
    fed = D("32022710", "bts", 5, "227", {"I1306"})
    got = legs([froid, ciel_a, ciel_b, fed])
    assert ("40025517", "32020116") not in got, got
    assert {("40025517", "32025521"), ("40025517", "32022710")} <= set(got)
    # without option B, option A is the programme's only way in: kept, weak
    got = legs([froid, ciel_a, fed])
    assert got[("40025517", "32020116")][0] == WEAK_STRENGTH


def test_a_weak_link_is_not_kept_for_want_of_better() -> None:
    # nothing reaches 0.2: the strongest few are kept, never on one broad classification
    cap = DiplomaFacts("C", "cap", 3, nsf="233", evidence=Evidence(rome=frozenset({"B1601"})))
    same_group = DiplomaFacts(
        "S", "bac_pro", 4, nsf="233", evidence=Evidence(rome=frozenset({"B1801"}))
    )
    one_domain = DiplomaFacts(
        "W", "bac_pro", 4, nsf="224", evidence=Evidence(rome=frozenset({"B1602"}))
    )
    got = legs([cap, same_group, one_domain])  # W: the ROME domain B16 only
    assert got[("C", "S")][0] == round(2 / 14, 2)  # the NSF group: 2 points of 14
    assert ("C", "W") not in got, got
