"""The establishments a radius cannot place (graph/pathways/radius_unplaced.py) and the
départements a circle reaches (graph/communes.py)."""

from __future__ import annotations

from typing import Any

from graph import communes
from graph.pathways.radius_unplaced import MAX_NAMED, radius_unplaced, radius_unplaced_notice
from graph.pathways.scoring import Offer
from graph.territory import Point, Territory

SAINT_DENIS = Point(lat=48.9356, lon=2.3539, label="Saint-Denis")
CIRCLE = Territory(near=SAINT_DENIS, radius_km=10)
BAC = {"code": "40025214", "name": "Bac pro maintenance des véhicules", "type": "bac_pro"}


def offer(actor: str, dep: str, lat: float | None = None, **extra: Any) -> Offer:
    row = {"departement": dep, "lat": lat, "lon": 2.3 if lat else None, "commune": None}
    name = f"Lycée {actor}"
    return Offer(BAC["code"], {"id": actor, "name": name, **extra}, row, False)


def test_a_circle_reaches_the_departements_around_saint_denis() -> None:
    ref = communes.reference()
    assert ref.departements_within(48.9356, 2.3539, 10) == {"75", "92", "93", "95"}
    assert ref.departements_within(48.9356, 2.3539, 1.5) == {"93"}


def test_only_unplaced_offers_of_the_departements_reached_are_named() -> None:
    found = radius_unplaced(
        CIRCLE,
        {
            BAC["code"]: [
                offer("a", "093"),
                offer("a", "093"),  # the same establishment twice (two modalities)
                offer("placed", "093", lat=48.93),  # outside the circle: its place is known
                offer("far", "077"),  # Seine-et-Marne: the circle does not reach it
                offer("remote", "092", directory_flags=["distance_learning"]),
                offer("shown", "075"),
            ]
        },
        {"75", "92", "93", "95"},
        shown_actors={"shown"},
    )
    assert [o.actor["id"] for o in found[BAC["code"]]] == ["a"]


def test_the_territorys_other_limits_still_hold() -> None:
    both = Territory(near=SAINT_DENIS, radius_km=10, departements=["093"])
    rows = {BAC["code"]: [offer("paris", "075"), offer("sd", "093")]}
    found = radius_unplaced(both, rows, {"75", "93"})
    assert [o.actor["id"] for o in found[BAC["code"]]] == ["sd"]
    assert radius_unplaced(Territory(departements=["093"]), rows, {"93"}) == {}


def test_the_notice_names_a_few_and_counts_the_rest_by_departement() -> None:
    """Around Évreux at 40 km the national files leave eight establishments unplaced: all eight
    named with their diplomas made a notice longer than the pathway. Three are named, the others
    counted by département."""
    rows = [offer(f"{i:02d}", "093") for i in range(6)] + [offer("v1", "095"), offer("v2", "095")]
    text = radius_unplaced_notice(CIRCLE, {BAC["code"]: rows}, {BAC["code"]: BAC})
    assert text is not None
    assert text.startswith(
        "Rayon de 10 km autour de Saint-Denis : 8 établissements sans position dans les données"
    ), text
    assert MAX_NAMED == 3
    assert text.count("Lycée ") == MAX_NAMED, text
    # the one diploma they all offer is said once, not after each name
    assert text.count("Bac pro maintenance des véhicules") == 1, text
    assert "aussi Bac pro maintenance des véhicules ; ils ne sont" in text, text
    assert "Lycée 00 (Seine-Saint-Denis, 93) ; Lycée 01" in text, text
    cap = {"code": "CAP1", "name": "CAP maintenance des véhicules", "type": "cap"}
    two = radius_unplaced_notice(
        CIRCLE, {BAC["code"]: rows[:2], "CAP1": rows[:1]}, {BAC["code"]: BAC, "CAP1": cap}
    )
    assert two is not None
    assert "proposent aussi des formations de la réponse" in two, two
    assert "Lycée 01 (Seine-Saint-Denis, 93) pour Bac pro maintenance des véhicules." in two, two
    assert text.endswith(
        ", et 5 autres : 3 dans le département de la Seine-Saint-Denis (93), 2 dans celui du "
        "Val-d'Oise (95)."
    ), text
    assert "à vérifier" in text
    assert len(text) < 450, len(text)
    one_dep = radius_unplaced_notice(CIRCLE, {BAC["code"]: rows[:4]}, {BAC["code"]: BAC})
    assert one_dep is not None
    assert one_dep.endswith(", et 1 autre dans le département de la Seine-Saint-Denis (93)."), (
        one_dep
    )
    assert radius_unplaced_notice(CIRCLE, {}, {}) is None


def test_establishments_no_file_names_are_counted_never_listed() -> None:
    """Cantal, Creuse, Lozère: the notices listed « Établissement non nommé dans les fichiers
    publics (code UAI 0150008C, Cantal) » one after the other, a code for a name. Those no file
    names (``described`` false) are counted by département after the named ones; alone, the
    head's count is not said twice; the one of them is said as what it is."""
    unnamed = {"described": False}
    rows = [offer("a", "093"), offer("u1", "093", **unnamed), offer("u2", "095", **unnamed)]
    text = radius_unplaced_notice(CIRCLE, {BAC["code"]: rows}, {BAC["code"]: BAC})
    assert text is not None
    assert "3 établissements sans position" in text and "Lycée u" not in text, text
    assert text.endswith(
        ": Lycée a (Seine-Saint-Denis, 93), et 2 établissements sans nom dans les fichiers "
        "publics : 1 dans le département de la Seine-Saint-Denis (93), 1 dans celui du "
        "Val-d'Oise (95)."
    ), text
    alone = radius_unplaced_notice(CIRCLE, {BAC["code"]: rows[1:2]}, {BAC["code"]: BAC})
    assert alone is not None
    assert alone.endswith(
        "(à vérifier) : un établissement sans nom dans les fichiers publics (Seine-Saint-Denis, "
        "93)."
    ), alone
    many = [offer(f"u{i}", "093", **unnamed) for i in range(5)]
    text = radius_unplaced_notice(CIRCLE, {BAC["code"]: many}, {BAC["code"]: BAC})
    assert text is not None
    assert text.endswith(
        "(à vérifier) : tous sans nom dans les fichiers publics, dans le département de la "
        "Seine-Saint-Denis (93)."
    ), text
    # named ones beyond the three are counted apart from those no file names
    rows = [offer(f"{i}", "093") for i in range(4)] + [offer("u", "093", **unnamed)]
    text = radius_unplaced_notice(CIRCLE, {BAC["code"]: rows}, {BAC["code"]: BAC})
    assert text is not None
    assert text.endswith(
        ", et 1 autre dans le département de la Seine-Saint-Denis (93), et 1 établissement sans "
        "nom dans les fichiers publics dans le département de la Seine-Saint-Denis (93)."
    ), text


def test_a_job_goal_names_the_diplomas_of_its_field_only() -> None:
    """Aurillac or Mende, 40 km, D1102 (boulanger), no pathway: the notice of the unplaced
    establishments named the CAP agricole SAPVER (NSF 330), tied to the job by one Certif Info
    row, for a job whose diplomas are of the group 221 (graph/pathways/find.py in_job_field)."""
    from graph.pathways.find import in_job_field

    goals = {
        "cap": {"name": "CAP boulanger", "nsf": "221"},
        "bp": {"name": "BP boulanger", "nsf": "221"},
        "bac_pro": {"name": "Bac pro boulanger pâtissier", "nsf": "221"},
        "capa": {"name": "CAP agricole SAPVER", "nsf": "330"},
    }
    assert sorted(in_job_field(goals, job=True)) == ["bac_pro", "bp", "cap"]
    assert in_job_field(goals, job=False) == goals  # a goal diploma or level: as asked
    assert in_job_field({"1": {"nsf": None}}, job=True) == {"1": {"nsf": None}}  # no field known
