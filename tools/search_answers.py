"""The answers of the diploma search by usual names (``GET /diplomas/search``) to a fixed list
of queries, as JSON, to compare two versions of the code on the same graph: every change must
be one intended (tester23: « BUT TC », « BTS CI », « IFSI »…).

    CMQ_DATA_DIR=... python tools/search_answers.py OUT.json [--repeat N]
    python tools/search_answers.py --compare BEFORE.json AFTER.json

Each answer is the route's whole body (items, hint, suggestions), computed in process as the
route computes it (graph/diploma_search.py, the untrained-job hint of the route), the index
and the jobs read once. ``--repeat N`` asks the list N times more and prints the CPU time per
query (the search runs on every keystroke of the web autocomplete).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(ROOT))

from api.routes.diploma_search import DiplomaSearch, untrained_job  # noqa: E402
from graph.diploma_search import search_diplomas  # noqa: E402
from graph.engines.factory import open_store  # noqa: E402
from graph.queries import diploma_search_rows  # noqa: E402
from graph.rome_jobs import rome_jobs  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.views import DiplomaSummary  # noqa: E402

# tester23's queries, the usual acronyms of diplomas with and without their type, type words,
# words and typos, codes, jobs: what a counsellor types
QUERIES = [
    # tester23
    "BUT TC", "but tc", "BUT GMP", "BUT QLIO", "but techniques de commercialisation",
    "BUT – Techniques de commercialisation", "BUT - Techniques de commercialisation",
    "ecole d'ingenieur", "ingenieur", "diplome d'ingenieur", "ingenieur mecanique",
    "école d’ingénieur", "formation d'ingenieur", "BTS CI", "BTS CG", "BTS SAM", "BTS FED",
    "BTS ATI", "bac pro TMA", "bac pro SAPAT", "CAP MBC", "CAP PSR", "BTSA GEMEAU", "BUT CJ",
    "BUT MMI", "BUT GC", "DEAS", "IFSI", "licence pro electricite", "licence pro energie",
    "ci", "cg", "sam", "fed", "ati", "tma", "sapat", "mbc", "psr", "gemeau", "cj", "mmi", "gc",
    "deas", "ifsi", "infirmier", "aide soignant", "diplome d'etat infirmier",
    # the acronyms the search knew before
    "melec", "bac pro melec", "mcv", "agora", "assp", "ciel", "bts ciel", "sio", "bts sio",
    "cprp", "bts cprp", "mhr", "ndrc", "bts ndrc", "mco", "bts mco", "trpm", "mspc", "mei",
    "cap mv", "bac pro mv", "mva", "crsa", "crci", "tci", "cpi", "epc", "cap epc", "ms", "gmp",
    "qlio", "geii", "but geii", "tc", "sti2d", "bac sti2d", "sti2d energie", "cira", "sn",
    "sp3s", "aepe", "cap aepe", "gtla", "mecp", "tborgo", "acse", "bts acse", "cgea",
    "bac pro cgea", "gea", "but gea", "gaco", "but gaco", "dcg", "dscg", "deaes",
    # types alone and with words
    "bts", "cap", "bac pro", "but", "licence pro", "master", "mc", "bp", "cs", "cqpm",
    "cap usinage", "cap cuisine", "cap boulanger", "bac pro cuisine", "bts electrotechnique",
    "bts comptabilite", "bts commerce international", "bts support a l'action manageriale",
    "licence pro logistique", "licence professionnelle commerce", "master informatique",
    "but informatique", "but info", "but genie civil", "but carrieres juridiques",
    "mention complementaire", "certificat de specialisation boulangerie", "brevet professionnel",
    # words, in any order, accents and typos
    "electricien", "électricien", "electrotechnique", "soudeur", "soudure", "chaudronnerie",
    "usinage", "maintenance", "maintenance vehicules", "mecanique", "mécanique automobile",
    "boulangerie", "boulengerie", "patissier", "cuisine", "coiffure", "coiffeur", "esthetique",
    "vente", "vendeur", "vendangeur", "commerce", "comptabilite", "gestion", "logistique",
    "transport", "agricole", "agriculture", "viticulture", "paysagiste", "horticulture",
    "menuisier", "menuiserie", "macon", "maçon", "plombier", "chauffagiste", "peintre",
    "informatique", "reseaux", "cybersecurite", "numerique", "electronique", "automatisme",
    "robotique", "aeronautique", "plasturgie", "chimie", "biologie", "sante", "social",
    "petite enfance", "aide a la personne", "hotellerie", "restauration", "tourisme",
    "securite", "sport", "animation", "energie", "energies renouvelables", "eolien", "solaire",
    "batiment", "travaux publics", "genie civil", "architecture", "design", "mode", "textile",
    "bois", "metallerie", "fonderie", "verre", "ceramique", "imprimerie", "photographie",
    "audiovisuel", "communication", "journalisme", "droit", "banque", "assurance", "immobilier",
    "elektrotecnik", "mecanik", "informatik", "cuisinier", "caissiere", "abc", "zzqx", "x",
    "ab", "b", "option", "de", "l'", "-", "–", "bac", "bac techno", "bac general",
    # codes
    "40025520", "32025520", "50025524", "26033101", "46033104", "RNCP35340", "H2913", "A1401",
    # jobs
    "aide-soignant", "infirmière", "chaudronnier", "mecanicien automobile",
    "electricien du batiment",
    "plaquiste", "couvreur", "charpentier", "ebeniste", "fleuriste", "boucher", "poissonnier",
]  # fmt: skip


def answers() -> tuple[dict[str, Any], float]:
    """Every query's body, and the CPU seconds of the searches (the index read apart)."""
    store = open_store(Settings.from_env())
    rows = diploma_search_rows(store)
    jobs = rome_jobs(store.read("rome_jobs"), store.read("jobs_reference"))
    out: dict[str, Any] = {}
    cpu = 0.0
    for q in QUERIES:
        t0 = time.process_time()
        found = search_diplomas(rows, q, limit=20, jobs=jobs)
        untrained = None if found.hits else untrained_job(jobs, q)
        body = DiplomaSearch(
            query=q,
            count=len(found.hits),
            items=[DiplomaSummary.of(dict(h.row)) for h in found.hits],
            hint=untrained or found.hint,
            suggestions=[DiplomaSummary.of(dict(r)) for r in found.suggestions],
        )
        cpu += time.process_time() - t0
        out[q] = body.model_dump(mode="json")
    return out, cpu


def timed(repeat: int) -> float:
    """CPU milliseconds per query over ``repeat`` rounds of the list (caches warm)."""
    store = open_store(Settings.from_env())
    rows = diploma_search_rows(store)
    jobs = rome_jobs(store.read("rome_jobs"), store.read("jobs_reference"))
    for q in QUERIES:  # warm: the names' words, the known words
        search_diplomas(rows, q, limit=20, jobs=jobs)
    t0 = time.process_time()
    for _ in range(repeat):
        for q in QUERIES:
            search_diplomas(rows, q, limit=20, jobs=jobs)
    return (time.process_time() - t0) * 1000 / (repeat * len(QUERIES))


def compare(before: Path, after: Path) -> int:
    a = json.loads(before.read_text())
    b = json.loads(after.read_text())
    changed = [q for q in a if a[q] != b.get(q)]
    for q in changed:
        old = [(i["code"], i["name"]) for i in a[q]["items"][:3]]
        new = [(i["code"], i["name"]) for i in b[q]["items"][:3]]
        print(f"« {q} »: {a[q]['count']} -> {b[q]['count']}")
        print(f"   avant: {old or a[q]['hint']}")
        print(f"   après: {new or b[q]['hint']}")
    print(f"{len(changed)} of {len(a)} answers changed")
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", nargs="?", type=Path)
    p.add_argument("--compare", nargs=2, type=Path)
    p.add_argument("--repeat", type=int, default=0)
    args = p.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.repeat:
        print(f"{timed(args.repeat):.2f} ms CPU per query ({len(QUERIES)} queries)")
        return 0
    got, cpu = answers()
    args.out.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True))
    print(f"{len(got)} answers, {cpu * 1000 / len(got):.2f} ms CPU per query (cold caches)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
