"""CPU of the diploma search by usual names (graph/diploma_search.py) on a loaded graph, one
JSON on stdout.

    CMQ_DATA_DIR=/tmp/natl .venv/bin/python bench/diploma_search.py [--baseline FILE]
        [--queries 300] [--rounds 3]

The diplomas' index and the ROME jobs are read once from the graph of ``CMQ_DATA_DIR`` (as the
app keeps them per graph version); then ``--queries`` questions made from the data (seeded, so
the same list every run: the first words of names, names with a typo, acronyms, type words
with a subject, job names, BCN codes, words nothing matches) are asked of
:func:`graph.diploma_search.search_diplomas`, a few warm-up questions first. With
``--baseline FILE`` (e.g. ``git show main:graph/diploma_search.py > /tmp/old.py``) the same
questions are asked of that module too, alternated round by round in the same process, and
the answers are compared byte for byte (codes, scores, hint, suggestions as JSON): ``same``
must be true. CPU is the process's (``time.process_time``), per question, median of rounds.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph import diploma_search  # noqa: E402
from graph.engines.factory import open_store  # noqa: E402
from graph.rome_jobs import RomeJob, rome_jobs  # noqa: E402
from graph.settings import Settings  # noqa: E402

FIXED = [
    "melec", "MELEC", "bts sio", "cap cuisine", "bac pro commerce", "sti2d", "bts mco",
    "soudeur", "vendangeur", "caissière", "boulenjer", "elektrotecnik", "electrotecnique",
    "mécanicien auto", "coiffure", "aide soignant", "cprp", "bts", "cap", "abc", "cap usinage",
    "licence pro logistique", "ingenieur informatique", "but geii", "mc cuisinier",
    "maintenance des vehicules", "bac pro assp", "bts ndrc", "agora", "cuisinier",
]  # fmt: skip


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiourstln") + word[i + 1 :]


def questions(rows: list[dict[str, Any]], jobs: list[RomeJob], n: int) -> list[str]:
    """``n`` questions made from the data, the same every run (a seeded draw)."""
    rng = random.Random(16)
    named = sorted(r["name"] for r in rows if r.get("name"))
    out = list(FIXED)
    while len(out) < n:
        kind = len(out) % 6
        if kind == 0:  # the first words of a name
            out.append(" ".join(rng.choice(named).split()[:2]))
        elif kind == 1:  # a word of a name, with a typo
            words = [w for w in rng.choice(named).split() if len(w) >= 5] or ["menuisier"]
            out.append(_typo(rng, rng.choice(words).lower()))
        elif kind == 2:  # a type word and a subject
            words = rng.choice(named).split()
            out.append(f"{rng.choice(['cap', 'bac pro', 'bts', 'but'])} {words[-1].lower()}")
        elif kind == 3 and jobs:  # a job's name
            out.append(rng.choice(jobs).name.split(" / ")[0].split(" ; ")[0])
        elif kind == 4:  # a code
            out.append(rng.choice(rows)["code"])
        else:  # an acronym or a made-up word
            out.append(rng.choice([*diploma_search.ACRONYMS, "zzkvq", "plombrie", "informatik"]))
    return out[:n]


def _answer(found: Any) -> str:
    return json.dumps(
        {
            "hits": [[h.row["code"], h.score] for h in found.hits],
            "hint": found.hint,
            "suggestions": [r["code"] for r in found.suggestions],
        },
        ensure_ascii=False,
    )


def _load(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("baseline_diploma_search", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _run(module: Any, rows: Any, jobs: Any, qs: list[str]) -> tuple[list[float], list[str]]:
    cpu, answers = [], []
    for q in qs:
        t = time.process_time()
        found = module.search_diplomas(rows, q, jobs=jobs)
        cpu.append((time.process_time() - t) * 1000)
        answers.append(_answer(found))
    return cpu, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", help="another graph/diploma_search.py to compare")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    store = open_store(Settings.from_env())
    rows = store.read("diplomas_search_index")
    jobs = rome_jobs(store.read("rome_jobs"), store.read("jobs_reference"))
    qs = questions(rows, jobs, args.queries)
    modules: dict[str, Any] = {"this": diploma_search}
    if args.baseline:
        modules["baseline"] = _load(args.baseline)
    per: dict[str, list[list[float]]] = {k: [] for k in modules}
    answers: dict[str, list[str]] = {}
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    _run(diploma_search, rows, jobs, FIXED[:1])  # the kept lists (known words, names)
    kept_kib = (tracemalloc.get_traced_memory()[0] - before) / 1024
    tracemalloc.stop()
    for m in modules.values():  # warm-up
        _run(m, rows, jobs, FIXED[:3])
    for _ in range(args.rounds):
        for name, m in modules.items():
            cpu, got = _run(m, rows, jobs, qs)
            per[name].append(cpu)
            answers.setdefault(name, got)
    out: dict[str, Any] = {
        "rows": len(rows),
        "jobs": len(jobs),
        "queries": len(qs),
        "rounds": args.rounds,
        "loadavg": os.getloadavg()[0],
        "kept_after_first_search_kib": round(kept_kib),
    }
    for name, rounds in per.items():
        each = [statistics.median(c) for c in zip(*rounds, strict=True)]
        totals = [sum(c) for c in rounds]
        out[name] = {
            "cpu_ms_per_query_median": round(statistics.median(each), 2),
            "cpu_ms_per_query_mean": round(statistics.median(totals) / len(qs), 2),
            "cpu_ms_per_query_max": round(max(each), 1),
            "answers_sha256": hashlib.sha256("\n".join(answers[name]).encode()).hexdigest(),
        }
    if args.baseline:
        out["same"] = answers["this"] == answers["baseline"]
        out["differ"] = [
            q for q, a, b in zip(qs, answers["this"], answers["baseline"], strict=True) if a != b
        ][:10]
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
