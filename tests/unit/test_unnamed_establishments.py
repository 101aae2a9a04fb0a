"""Establishments no directory names and distance learning, as pure rules (no database):
graph/ingest/opendata/unnamed.py and the order of a step's establishments
(graph/pathways/scoring.offer_key, choose). The same on the engines:
tests/integration/test_unnamed_establishments.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.ingest.opendata.unnamed import distance_only, known_kind, with_file_facts
from graph.models import ActorKind
from graph.pathways.scoring import Offer, choose, offer_key

LYON = (45.764, 4.8357)


def _offer(
    name: str,
    *,
    described: bool = True,
    capacity: int | None = None,
    lat: float | None = None,
    lon: float | None = None,
    flags: list[str] | None = None,
) -> Offer:
    actor = {"id": name, "name": name, "described": described, "directory_flags": flags}
    offer = {"status": "open", "capacity": capacity, "lat": lat, "lon": lon}
    return Offer("32031213", actor, offer, True)


def _order(offers: list[Offer], prev: tuple[float, float] | None) -> list[str]:
    return [o.actor["name"] for o in sorted(offers, key=lambda o: offer_key(o, prev))]


def test_a_larger_unnamed_establishment_is_not_ranked_after_a_named_one_for_its_name() -> None:
    named = _offer("Lycée A", capacity=15)
    unnamed = _offer("Établissement non nommé", described=False, capacity=30)
    assert _order([named, unnamed], None) == ["Établissement non nommé", "Lycée A"]
    # a nearer one neither
    near = _offer("Établissement non nommé", described=False, lat=45.77, lon=4.84)
    far = _offer("Lycée A", lat=45.9, lon=4.9)
    assert _order([far, near], LYON) == ["Établissement non nommé", "Lycée A"]


def test_the_name_breaks_a_tie_only() -> None:
    named = _offer("Lycée Z", capacity=20)
    unnamed = _offer("Établissement non nommé", described=False, capacity=20)
    assert _order([unnamed, named], None) == ["Lycée Z", "Établissement non nommé"]


def test_an_establishment_teaching_at_a_distance_comes_after_those_teaching_on_site() -> None:
    cned = _offer("CNED", lat=45.7797, lon=4.82018, flags=["distance_learning"])
    farther = _offer("CFA IGS", lat=45.75, lon=4.86)
    unplaced = _offer("Établissement non nommé", described=False)
    assert _order([cned, farther, unplaced], LYON) == [
        "CFA IGS",
        "Établissement non nommé",
        "CNED",
    ]
    choice = choose([cned, farther], LYON, allow_outside=False)
    assert choice is not None and choice.ranked[0].actor["name"] == "CFA IGS"


def test_a_step_taken_at_a_distance_counts_no_km_and_stays_where_the_learner_is() -> None:
    cned = _offer("CNED", lat=45.7797, lon=4.82018, flags=["distance_learning"])
    choice = choose([cned], LYON, allow_outside=False)
    assert choice is not None
    assert choice.remote and not choice.unplaced
    assert choice.dist is None and choice.effective == 0.0 and choice.to == LYON


def test_the_kind_of_an_unnamed_establishment_is_what_its_offers_say() -> None:
    assert known_kind(["apprenticeship"]) is ActorKind.TRAINING_CENTRE
    assert known_kind(["school"]) is ActorKind.UNSPECIFIED
    assert known_kind(["school", "apprenticeship"]) is ActorKind.UNSPECIFIED
    assert known_kind([]) is ActorKind.UNSPECIFIED


def test_distance_learning_only_when_every_programme_is_at_a_distance() -> None:
    cned = [
        "BTS   Services   Communication   Entierement en distanciel",
        "BTS - Services - Communication - Entièrement en distanciel",
    ]
    assert distance_only(cned)
    university = ["Licence   Histoire   Entierement en distanciel", "Licence   Histoire"]
    assert not distance_only(university)
    assert not distance_only([])
    assert not distance_only(["BTS   Certificat de Spécialisation   vente à distance"])


@dataclass
class _Est:
    uai: str
    described_by: list[str]
    kind: str = "lycee"
    flags: list[str] = field(default_factory=list)
    name: str = ""
    public: bool | None = None


@dataclass
class _Row:
    uai: str
    modality: str = "school"
    label: str = ""
    files: list[str] = field(default_factory=list)


def test_file_facts_change_only_what_the_files_say() -> None:
    ests: dict[str, Any] = {
        "0690723L": _Est("0690723L", [], kind="unspecified"),
        "0690045Z": _Est("0690045Z", [], kind="unspecified"),
        "0690276A": _Est("0690276A", ["fr-esr-parcoursup_extrait.csv"], kind="higher_education"),
        "0597239Y": _Est("0597239Y", ["fr-esr-parcoursup_extrait.csv"], kind="university"),
    }
    offers = [_Row("0690723L", "apprenticeship"), _Row("0690045Z", "school")]
    programmes = [
        _Row("0690276A", label="BTS   Services   Communication   Entierement en distanciel"),
        _Row("0597239Y", label="Licence   Histoire   Entierement en distanciel"),
        _Row("0597239Y", label="Licence   Histoire"),
    ]
    out = with_file_facts(ests, offers, programmes)
    assert out["0690723L"].kind == "training_centre"
    assert out["0690045Z"].kind == "unspecified"
    assert out["0690276A"].kind == "higher_education"  # a directory's kind is kept
    assert out["0690276A"].flags == ["distance_learning"]
    assert out["0597239Y"] is ests["0597239Y"]  # some of its programmes are on site
    assert ests["0690723L"].kind == "unspecified"  # the input is not modified


def test_an_establishment_the_files_show_teaching_secondary_pupils_is_no_higher_education() -> None:
    """Lycée Gustave Eiffel, Reims (0510036M): named by the Parcoursup extract only (its
    certificats de spécialisation), whose name's first word says no kind, it was « enseignement
    supérieur »; Affelnet and the constat list its CAP and Bac pro. An establishment of the
    extract with BTS offers only keeps its kind."""
    extract = ["fr-esr-parcoursup_extrait.csv"]
    ests: dict[str, Any] = {
        "0510036M": _Est(
            "0510036M", extract, kind="higher_education",
            name="Gustave Eiffel Lycée des Métiers de l'Industrie",
        ),
        "0595124Z": _Est(
            "0595124Z", extract, kind="higher_education", name="Institut d'Hazebrouck"
        ),
        "0755555A": _Est("0755555A", extract, kind="higher_education", name="École supérieure"),
    }  # fmt: skip
    offers = [
        _Row("0510036M", files=["attractivite_capacite_2022.csv"]),
        _Row("0595124Z", files=["constat_2020.csv"]),
        _Row("0755555A", files=["BTS_attractivite_capacite_2024.csv"]),
    ]
    out = with_file_facts(ests, offers, [])
    assert out["0510036M"].kind == "lycee"
    assert out["0595124Z"].kind == "unspecified"  # the files say pupils, not what it is
    assert out["0755555A"] is ests["0755555A"]


def test_the_kind_the_files_say_of_an_establishment_parcoursup_alone_names() -> None:
    """Named by the Parcoursup extract only, with secondary pupils (Affelnet, the constat):
    « LEGTPA Yssingeaux » is a lycée agricole by its name's first word; Gambetta Carnot
    (Arras, public) a lycée, its BTS and CPGE say it (the public sector opens them in lycées
    only); a private one, or a public one with neither, stays « type non précisé » (tester22:
    all four were). The Parcoursup programmes of another establishment say nothing here."""
    extract = ["fr-esr-parcoursup_extrait.csv"]
    ests: dict[str, Any] = {
        "0430113P": _Est("0430113P", extract, "higher_education", name="LEGTPA Yssingeaux",
                         public=True),
        "0624430D": _Est("0624430D", extract, "higher_education", name="Gambetta Carnot",
                         public=True),
        "0690553B": _Est("0690553B", extract, "higher_education",
                         name="Centre Scolaire Notre Dame", public=False),
        "0134003F": _Est("0134003F", extract, "higher_education", name="Nelson Mandela",
                         public=True),
    }  # fmt: skip
    offers = [_Row(uai, files=["constat_2020.csv"]) for uai in ests]
    programmes = [
        _Row("0624430D", label="CPGE   Classe preparatoire scientifique   MPSI"),
        _Row("0690553B", label="BTS   Services   Tourisme"),
        _Row("0134003F", label="Licence   Histoire"),
        _Row("0999999Z", label="BTS   Services   Tourisme"),
    ]
    out = with_file_facts(ests, offers, programmes)
    assert out["0430113P"].kind == "lycee_agricole"
    assert out["0624430D"].kind == "lycee"
    assert out["0690553B"].kind == "unspecified"
    assert out["0134003F"].kind == "unspecified"
