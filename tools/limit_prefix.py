"""Whether the order of ``GET /pathways`` is a property of every pathway ranked, not of the
limit (tester26): for each question, the pathways with ``limit=k`` (k = 3, 5, 10) must be the
first k of ``limit=20`` (the same diploma sequences, in the same order).

    python tools/limit_prefix.py http://127.0.0.1:8170/v1 [--questions Q.json]

Prints one line per question that breaks it, and the count; exit status 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.parse
import urllib.request
from typing import Any

# national questions: starts from a level, from a diploma, towards a level, a type or a job,
# in départements and régions of every part of the country (tester26's among them)
QUESTIONS: list[dict[str, Any]] = [
    {"from_level": 2, "job": "I1604", "departements": "58", "home": "Nevers"},
    {"from": "50025218", "to_level": 5, "departements": "08,51", "home": "Charleville-Mézières"},
    {"from_level": 2, "job": "D1202", "departements": "53,85", "home": "Laval"},
    {"from_level": 2, "to_level": 4, "departements": "36", "home": "Châteauroux"},
    {"from_level": 2, "to_level": 3, "departements": "2A,2B", "home": "Ajaccio"},
    {"from_level": 3, "to_level": 4, "departements": "63", "home": "Clermont-Ferrand"},
    {"from_level": 4, "to_level": 5, "departements": "59", "home": "Lille"},
    {"from_level": 4, "to_type": "bts", "region": "76", "home": "Toulouse"},
    {"from_level": 3, "to_level": 5, "departements": "29", "home": "Brest"},
    {"from_level": 2, "to_level": 5, "departements": "971", "home": "Pointe-à-Pitre"},
    {"from_level": 4, "to_level": 5, "departements": "972", "home": "Fort-de-France"},
    {"from_level": 2, "job": "G1602", "departements": "69", "home": "Lyon"},
    {"from_level": 2, "job": "F1703", "departements": "44", "home": "Nantes"},
    {"from_level": 4, "job": "M1805", "departements": "91", "home": "Évry-Courcouronnes"},
    {"from_level": 2, "job": "H2913", "departements": "67", "home": "Strasbourg"},
    {"from": "40025214", "to_level": 5, "departements": "21", "home": "Dijon"},
    {"from": "50025218", "to_level": 4, "departements": "45", "home": "Orléans"},
    {"from": "40033007", "to_level": 5, "departements": "03,63", "home": "Moulins"},
    {"from": "50023325", "to_level": 4, "departements": "74,01", "home": "Annecy"},
    {"from": "40030004", "to_level": 5, "departements": "44", "home": "Saint-Nazaire"},
    {"from": "50022109", "to_level": 4, "departements": "13", "home": "Marseille"},
    {"from": "40025510", "to_level": 5, "departements": "31", "home": "Toulouse"},
    {"from": "50033411", "to_level": 4, "departements": "06", "home": "Nice"},
    {"from": "40031107", "to_level": 5, "departements": "62", "home": "Arras"},
    {"from": "50321130", "to_level": 5, "departements": "48,30", "home": "Mende"},
    {"from": "40025520", "to_level": 5, "departements": "33", "home": "Bordeaux"},
    {"from": "40033403", "to_level": 5, "region": "53", "home": "Rennes"},
    {"from": "50025225", "to_level": 5, "departements": "87", "home": "Limoges"},
    {"from": "40025412", "to_level": 5, "departements": "76", "home": "Rouen"},
    {"from_level": 2, "to_level": 4, "departements": "973", "home": "Cayenne"},
    {"from_level": 3, "to_type": "bts", "departements": "25,90", "home": "Besançon"},
    {"from_level": 2, "job": "J1501", "departements": "86,79", "home": "Poitiers"},
    {
        "from_level": 2,
        "to_level": 4,
        "departements": "88",
        "home": "Épinal",
        "modality": "apprenticeship",
    },
    {
        "from_level": 4,
        "to_level": 5,
        "departements": "75,92,93,94",
        "home": "Paris",
        "modality": "apprenticeship",
    },
]


def _get(base: str, params: dict[str, Any]) -> dict[str, Any]:
    url = f"{base}/pathways?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=600) as r:  # noqa: S310 (a local server)
        out: dict[str, Any] = json.load(r)
        return out


def _keys(answer: dict[str, Any]) -> list[tuple[str, ...]]:
    return [tuple(s["code"] for s in p["steps"]) for p in answer.get("pathways", [])]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("base")
    ap.add_argument("--questions")
    args = ap.parse_args(argv)
    questions = QUESTIONS
    if args.questions:
        with open(args.questions, encoding="utf-8") as f:
            questions = json.load(f)
    broken = checked = 0
    for q in questions:
        try:
            full = _keys(_get(args.base, {**q, "limit": 20}))
        except urllib.error.HTTPError as e:
            print(f"refused {e.code}: {q}")
            continue
        checked += 1
        for k in (3, 5, 10):
            got = _keys(_get(args.base, {**q, "limit": k}))
            if got != full[:k]:
                broken += 1
                print(f"limit={k} is not the first {k} of limit=20: {q}")
                break
        print(f"ok ({len(full)} pathways at limit=20): {q}" if got == full[:k] else "", end="")
        print() if got == full[:k] else None
    print(f"{checked} questions answered, {broken} whose order depends on the limit")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
