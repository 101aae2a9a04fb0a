"""Counsellor questions and gap reports outside Occitanie, asked through the HTTP API (JSON).

Fifteen pathway questions in ten régions outside Occitanie and three gap reports, asked of the
graph the settings point at (``CMQ_DATA_DIR`` / ``CMQ_GRAPH_URI``: load the seeds and import the
national files first). For each question it records the top answer as a counsellor reads it
(each step: diploma, chosen establishment, commune, distance, year, whether the passerelle is
documented), the reason when there is none, and mechanical checks on the French text
(``None``, internal ids or file names shown to the user). For each gap report: per section, the
total and the first findings, and which campus the demand figures come from.

    CMQ_DATA_DIR=... python bench/counsellor_questions.py [--only Q01,G01] [--round 2|4] > a.json

The judgement (would a counsellor accept it?) is written by a person in the note; this script
gives the facts it rests on, the same way before and after a change.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

# (id, région, question in words, query parameters)
QUESTIONS: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "Q01",
        "Normandie",
        "Bac pro MELEC -> BTS, Seine-Maritime + Eure, habite Rouen",
        {"from": "40025510", "to_type": "bts", "departements": "76,27", "home": "49.443,1.099"},
    ),
    (
        "Q02",
        "Auvergne-Rhône-Alpes",
        "Bac pro MELEC -> BTS, Rhône, habite Lyon",
        {"from": "40025510", "to_type": "bts", "departements": "69", "home": "45.764,4.836"},
    ),
    (
        "Q03",
        "Hauts-de-France",
        "Bac pro MSPC -> BTS, Nord, habite Lille",
        {"from": "40025012", "to_type": "bts", "departements": "59", "home": "50.629,3.057"},
    ),
    (
        "Q04",
        "Île-de-France",
        "Bac pro TRPM -> BTS, Paris et petite couronne, habite Paris",
        {
            "from": "40025014",
            "to_type": "bts",
            "departements": "75,92,93,94",
            "home": "48.857,2.352",
        },
    ),
    (
        "Q05",
        "Bretagne",
        "Bac pro maintenance des véhicules -> BTS, Ille-et-Vilaine, Rennes",
        {"from": "40025214", "to_type": "bts", "departements": "35", "home": "48.117,-1.678"},
    ),
    (
        "Q06",
        "Normandie",
        "BTS CPRP (option B) -> niveau 6, Seine-Maritime + Eure, Le Havre",
        {"from": "32022317", "to_level": 6, "departements": "76,27", "home": "49.494,0.108"},
    ),
    (
        "Q07",
        "Auvergne-Rhône-Alpes",
        "BTS électrotechnique -> niveau 7, Puy-de-Dôme, Clermont",
        {"from": "32025520", "to_level": 7, "departements": "63", "home": "45.778,3.087"},
    ),
    (
        "Q08",
        "Grand Est",
        "Bac pro MELEC -> niveau 6, région Grand Est, habite Strasbourg",
        {"from": "40025510", "to_level": 6, "region": "44", "home": "48.573,7.752"},
    ),
    (
        "Q09",
        "Nouvelle-Aquitaine",
        "CAP électricien -> Bac pro, Gironde, habite Bordeaux",
        {"from": "50025524", "to_type": "bac_pro", "departements": "33", "home": "44.838,-0.579"},
    ),
    (
        "Q10",
        "Pays de la Loire",
        "Bac pro chaudronnerie -> BTS, Loire-Atlantique, Nantes",
        {"from": "40025411", "to_type": "bts", "departements": "44", "home": "47.218,-1.554"},
    ),
    (
        "Q11",
        "Provence-Alpes-Côte d'Azur",
        "BTS maintenance des systèmes -> licence pro, Bouches-du-Rhône, Marseille",
        {
            "from": "32025014",
            "to_type": "licence_pro",
            "departements": "13",
            "home": "43.296,5.370",
        },
    ),
    (
        "Q12",
        "Grand Est",
        "Bac pro usinage -> BTS en apprentissage, Bas-Rhin, Strasbourg",
        {
            "from": "40025106",
            "to_type": "bts",
            "departements": "67",
            "modality": "apprenticeship",
            "home": "48.573,7.752",
        },
    ),
    (
        "Q13",
        "Bourgogne-Franche-Comté",
        "Bac pro MELEC -> BTS, Côte-d'Or, sans domicile",
        {"from": "40025510", "to_type": "bts", "departements": "21"},
    ),
    (
        "Q14",
        "Auvergne-Rhône-Alpes",
        "Bac pro plastiques et composites -> BTS, Ain, Oyonnax",
        {"from": "40022503", "to_type": "bts", "departements": "01", "home": "46.256,5.655"},
    ),
    (
        "Q15",
        "Normandie",
        "Bac pro MSPC -> niveau 7, région Normandie, habite Rouen",
        {"from": "40025012", "to_level": 7, "region": "28", "home": "49.443,1.099"},
    ),
]

GAPS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("G01", "Normandie", "Seine-Maritime + Eure", {"departements": "76,27"}),
    ("G02", "Auvergne-Rhône-Alpes", "Puy-de-Dôme", {"departements": "63"}),
    ("G03", "Hauts-de-France", "Nord", {"departements": "59"}),
]

_ID_LIKE = re.compile(r"\b(uai-[0-9a-z]{8}|inf-(import|seed)-[a-z0-9-]+|mv-[a-z0-9-]+)\b")
_FILE_LIKE = re.compile(r"\b[\w-]+\.(csv|toml|txt)\b")


def text_problems(texts: list[str]) -> list[str]:
    """What a user must never read: None, internal ids, file names."""
    out = []
    for t in texts:
        if "None" in t:
            out.append(f"None: {t[:120]}")
        if m := _ID_LIKE.search(t):
            out.append(f"id {m.group(0)}: {t[:120]}")
        if m := _FILE_LIKE.search(t):
            out.append(f"fichier {m.group(0)}: {t[:120]}")
    return out


def _chosen(step: dict[str, Any]) -> dict[str, Any] | None:
    for o in step.get("offers", []):
        if o.get("chosen"):
            return o
    return None


def summarise_pathway(p: dict[str, Any]) -> dict[str, Any]:
    steps = []
    for s in p["steps"]:
        o = _chosen(s)
        pas = s.get("passerelle") or {}
        steps.append(
            {
                "code": s["code"],
                "name": s["name"],
                "level": s.get("level"),
                "passerelle": pas.get("id"),
                "origin": pas.get("origin"),
                "scope": pas.get("scope"),
                "figure": pas.get("entrant_share") or pas.get("reserved_share") or pas.get("rate"),
                "establishment": o and o["actor_name"],
                "commune": o and o.get("commune"),
                "departement": o and o.get("departement"),
                "distance_km": o and o.get("distance_km"),
                "distance_known": o is not None and o.get("distance_km") is not None,
                "year": o and o.get("year"),
                "current": o and o.get("current"),
                "status": o and o.get("status"),
                "modality": o and o.get("modality"),
                "capacity": o and o.get("capacity"),
                "in_territory": o and o.get("in_territory"),
            }
        )
    return {
        "score": p["score"]["total"],
        "travel_km": p.get("travel_km"),
        "steps": steps,
        "explanation": p["score"]["explanation"],
    }


def ask_pathway(client: TestClient, params: dict[str, Any]) -> dict[str, Any]:
    t0 = time.perf_counter()
    r = client.get("/pathways", params=params)
    ms = round((time.perf_counter() - t0) * 1000)
    if r.status_code != 200:
        return {"status": r.status_code, "error": r.json(), "ms": ms}
    a = r.json()
    top = summarise_pathway(a["pathways"][0]) if a["pathways"] else None
    texts = [a.get("reason") or "", *(a.get("notices") or [])]
    if top:
        texts += top["explanation"]
    return {
        "status": 200,
        "ms": ms,
        "count": a["count"],
        "goal": a["goal"],
        "territory": a["territory"],
        "notices": a.get("notices"),
        "reason": a.get("reason"),
        "top": top,
        "second": summarise_pathway(a["pathways"][1]) if len(a["pathways"]) > 1 else None,
        "text_problems": text_problems(texts),
    }


def ask_gaps(client: TestClient, params: dict[str, Any]) -> dict[str, Any]:
    t0 = time.perf_counter()
    r = client.get("/gaps", params=params)
    ms = round((time.perf_counter() - t0) * 1000)
    if r.status_code != 200:
        return {"status": r.status_code, "error": r.json(), "ms": ms}
    rep = r.json()
    sections = {}
    texts: list[str] = []
    for s in rep["sections"]:
        campuses = sorted(
            {n["key"] for f in s["findings"] for n in f["nodes"] if n["type"] == "campus"}
        )
        distances = [
            f["data"].get("nearest_km")
            for f in s["findings"]
            if isinstance(f.get("data"), dict) and f["data"].get("nearest_km") is not None
        ]
        texts += [f["title"] for f in s["findings"]] + [f["why"] for f in s["findings"]]
        sections[s["id"]] = {
            "shown": len(s["findings"]),
            "total": s.get("total", len(s["findings"])),
            "campuses_named": campuses,
            "max_nearest_km": max(distances) if distances else None,
            "first": [f"{f['severity']}: {f['title']}" for f in s["findings"][:5]],
        }
    return {
        "status": 200,
        "ms": ms,
        "territory": rep["territory"],
        "counts": rep["counts"],
        "sections": sections,
        "text_problems": text_problems(texts)[:20],
    }


def ask_each(
    client: TestClient,
    items: list[tuple[str, str, str, dict[str, Any]]],
    ask: Callable[[TestClient, dict[str, Any]], dict[str, Any]],
    words_key: str,
    only: set[str],
) -> list[dict[str, Any]]:
    """Ask each item (all, or those of ``only``), its words under ``words_key`` in the result;
    its id and time on stderr as it goes."""
    out = []
    for item_id, region, words, params in items:
        if only and item_id not in only:
            continue
        res = ask(client, params)
        out.append({"id": item_id, "region": region, words_key: words, "params": params, **res})
        print(item_id, res.get("ms"), file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="comma-separated ids (Q01,G02)")
    ap.add_argument(
        "--round",
        type=int,
        default=1,
        choices=(1, 2, 4),
        help="2: bench/questions_round2.py, 4: bench/questions_round4.py",
    )
    args = ap.parse_args()
    only = {x for x in args.only.split(",") if x}
    questions, gaps = QUESTIONS, GAPS
    if args.round == 2:
        from bench.questions_round2 import GAPS as gaps
        from bench.questions_round2 import QUESTIONS as questions
    if args.round == 4:
        from bench.questions_round4 import GAPS as gaps
        from bench.questions_round4 import QUESTIONS as questions

    from api.main import create_app
    from graph.settings import get_settings

    settings = get_settings().model_copy(update={"pathway_preload": False})
    with TestClient(create_app(settings)) as client:
        out = {
            "questions": ask_each(client, questions, ask_pathway, "question", only),
            "gaps": ask_each(client, gaps, ask_gaps, "territory_words", only),
        }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
