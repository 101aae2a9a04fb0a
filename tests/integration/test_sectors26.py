"""A campus filière tied to its training by the NSF groups of its seed only (branch sectors26),
on each real engine, over the seeds (graph/campus_scope.py ``own_field_ties``)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_filiere_with_an_nsf_group_only_is_tied_and_said_so(seed_client: TestClient) -> None:
    """The Énergies campus's « Énergies » and « Efficacité énergétique » carry NSF 227 and no
    other tie: the 76 report said « que les fichiers ne permettent de rattacher à aucun
    diplôme ». Its seeds offer no programme of that group in the 76: the report says so, by
    the group's name, and asks to check; the filière list marks them tied. « Éolien » (no NSF
    group) stays untied."""
    r = seed_client.get("/gaps", params={"departements": "76", "limit": 500})
    assert r.status_code == 200, r.text
    findings = {f["id"]: f for s in r.json()["sections"] for f in s["findings"]}
    for sid in ("energies", "energy-efficiency"):
        f = findings[f"demand:{sid}"]
        assert "ne permettent de rattacher" not in f["why"], f["why"]
        assert (
            "aucune formation de son domaine de formation (« Énergie, génie climatique »)"
            in (f["why"])
        )
        assert f["data"]["linked_by"] == {"nsf": ["227"]} and f["severity"] == "low"
    assert "ne permettent de rattacher" in findings["demand:wind-energy"]["why"]
    r = seed_client.get("/gaps/sectors", params={"departements": "76"})
    assert r.status_code == 200, r.text
    tied = {c["id"]: c["tied"] for c in r.json()["sectors"]}
    assert tied["energies"] is tied["energy-efficiency"] is True
    assert tied["wind-energy"] is False
