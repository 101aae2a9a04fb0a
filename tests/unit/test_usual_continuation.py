"""The usual continuation of a start diploma (graph/pathways/usual.py), over plain rows."""

from __future__ import annotations

from typing import Any

from graph.models import DiplomaType
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import Choice, Offer, Scored
from graph.pathways.usual import (
    missing_sentence,
    others_missing_sentence,
    usual_starts,
    usual_targets,
    with_usual,
)
from graph.territory import Territory

Row = dict[str, Any]

CAP = {"code": "C", "name": "BOUCHER (CAP)", "type": "cap", "level": 3}
BCT = {"code": "B", "name": "BOUCHER-CHARCUTIER-TRAITEUR (BAC PRO)", "type": "bac_pro", "level": 4}
BP = {"code": "P", "name": "BOULANGER (BAC PRO)", "type": "bac_pro", "level": 4}
SHUT = {"code": "S", "name": "ANCIEN (BAC PRO)", "type": "bac_pro", "level": 4, "closed": True}


def leg(origin: str = "documented", scope: str | None = "national") -> Row:
    return {"kind": "continuation", "passerelle_origin": origin, "scope": scope}


def query(**goal: Any) -> PathwayQuery:
    return PathwayQuery(
        start_codes=["C"], start_label="CAP", territory=Territory(departements=["035"]), **goal
    )


def test_only_documented_national_legs_are_usual() -> None:
    legs = {
        "C": [
            ("B", leg()),
            ("P", leg(origin="inferred", scope=None)),
            ("S", leg()),
        ]
    }
    diplomas = {"C": CAP, "B": BCT, "P": BP, "S": SHUT}
    got = usual_targets(query(to_level=4), ["C"], legs, diplomas, None)
    assert [(s, d["code"]) for s, d, _ in got] == [("C", "B")]
    campus = {"C": [("B", leg(scope="campus"))]}
    assert usual_targets(query(to_level=4), ["C"], campus, diplomas, None) == []
    # below a goal level it is the usual first step; a type goal it does not meet: not usual
    assert usual_targets(query(to_level=5), ["C"], legs, diplomas, None)
    assert usual_targets(query(to_type=DiplomaType("bts")), ["C"], legs, diplomas, None) == []


def test_a_closed_start_counts_with_its_successors_and_a_level_start_has_none() -> None:
    old = {"code": "O", "name": "BOUCHER (CAP)", "closed": True, "successors": ["C"]}
    q = query(to_level=4).model_copy(update={"start_codes": ["O"]})
    assert usual_starts(q, {"O": old}) == ["O", "C"]
    many = query(to_level=4).model_copy(update={"start_codes": ["C", "X"]})
    assert usual_starts(many, {"C": CAP}) == []


def test_the_sentence_says_where_and_how_far() -> None:
    actor = {"id": "a", "name": "Lycée Jean Monnet", "kind": "lycee"}
    offer = Offer("B", actor, {"commune": "Limoges", "status": "open"}, in_territory=False)
    near = Choice([offer], 326.2, 326.2, (45.8, 1.3))
    terr = Territory(departements=["035"])
    assert missing_sentence(BCT, terr, near, "du domicile") == (
        "La suite habituelle, Boucher-charcutier-traiteur (Bac pro), n'est proposée dans aucun "
        "établissement du département d'Ille-et-Vilaine (35) dans les données importées ; elle "
        "l'est à 326 km à vol d'oiseau du "
        "domicile : Lycée Jean Monnet (Limoges)."
    )
    two = Territory(departements=["022", "035"])
    text = missing_sentence(BCT, two, None, None, "en apprentissage")
    assert (
        "n'est proposée en apprentissage dans aucun établissement des départements des "
        "Côtes-d'Armor (22) et d'Ille-et-Vilaine (35)" in text
    )
    assert text.endswith("ne la montrent nulle part ailleurs non plus.")
    unplaced = Choice([offer], None, 0.0, None)
    assert "elle l'est notamment au Lycée Jean Monnet (Limoges), à une distance inconnue" in (
        missing_sentence(BCT, Territory(region="53"), unplaced, "du domicile")
    )


def scored(key: str, score: float) -> Scored:
    return Scored(score, {}, CAP, [], None, 0, 0.0, 0, key=("C", key))


def test_the_usual_pathway_is_always_shown_in_its_place() -> None:
    ranked = [scored(k, 90 - i) for i, k in enumerate("DEFG")]
    far = scored("B", 20)
    merged, shown = with_usual(ranked, [far], limit=3)
    assert merged[-1] is far and len(merged) == 5
    assert [s.key[1] for s in shown] == ["D", "E", "B"]
    # already among the answers: not twice
    merged, shown = with_usual([*ranked, far], [scored("B", 20)], limit=10)
    assert [s.key[1] for s in merged].count("B") == 1


def test_the_usual_targets_not_offered_beside_one_offered_are_named_in_one_sentence() -> None:
    """CAP maçon, Ille-et-Vilaine: the page the national table quotes names three Bac pros; the
    territory offers one (the answer ranks it), and the other two were said nowhere."""
    tborgo = {"name": "Bac pro technicien du bâtiment : organisation et réalisation du gros oeuvre"}
    ipb = {"name": "Bac pro interventions sur le patrimoine bâti option A maçonnerie"}
    tp = {"name": "Bac pro travaux publics"}
    near = Offer(
        "TP",
        {"id": "l", "name": "Lycée professionnel Eugène Freyssinet"},
        {"commune": "Saint-Brieuc", "departement": "22", "lat": 48.5, "lon": -2.8},
        False,
    )
    said = others_missing_sentence(
        [tborgo],
        [(ipb, None), (tp, Choice([near], 95.2, 95.2, None))],
        Territory(departements=["35"]),
        "du domicile",
    )
    assert said.startswith(
        "Parmi les suites habituelles citées ensemble par la même source, Bac pro technicien du "
        "bâtiment : organisation et réalisation du gros oeuvre est proposé dans le département "
        "d'Ille-et-Vilaine (35) (parcours ci-dessous), mais Bac pro interventions sur le "
        "patrimoine bâti option A maçonnerie (nulle part ailleurs non plus) et Bac pro travaux "
        "publics (le plus proche à 95 km à vol d'oiseau du domicile : Lycée professionnel Eugène "
        "Freyssinet (Saint-Brieuc"
    ), said
    assert said.endswith("n'y sont proposés dans aucun établissement dans les données importées.")
