"""The ``cmq`` command line: serve the API, load seed files, and a few query shortcuts.

Settings come from the environment (CMQ_GRAPH_URI, CMQ_DATA_DIR, …; see README).
Exit codes: 0 ok, 1 not found / nothing to show, 2 invalid input, 3 database unavailable.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import socket
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph import queries
from graph.departements import departement_place
from graph.engines.factory import open_store
from graph.errors import DatabaseUnavailable, GraphError, NotFound, SeedError
from graph.ingest.backup import BackupError
from graph.labels import MODALITY_FR, OFFER_STATUS_FR, TYPE_FR, level_fr, passerelle_fr
from graph.modality_words import PATHWAY_MODALITIES, pathway_modality
from graph.settings import Settings
from graph.store import GraphStore


@contextmanager
def _store(settings: Settings) -> Iterator[GraphStore]:
    store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


def _table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(out)


def _dump(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


# -- commands -------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.http_protocol import LOOP, HeaderTimeoutProtocol
    from api.main import create_app

    settings = settings.model_copy(
        update={
            "host": args.host or settings.host,
            "port": args.port or settings.port,
            "demo_public": settings.demo_public or args.demo_public,
        }
    )
    exposure = settings.demo_exposure()
    if exposure is not None:
        print(f"erreur : {exposure}", file=sys.stderr)
        return 2
    print(
        f"cmq-graph : http://{settings.host}:{settings.port}/ (documentation de l'API sur /docs, "
        f"moteur {settings.engine})",
        flush=True,
    )
    # Several worker processes build the app from the environment, and the pathway cache's
    # snapshot is written before any serves: this process starts the embedded database (or the
    # local Neo4j) first, so it outlives the writer and every worker; they share it (one
    # worker too when the snapshot is on: started twice, the national database took 5-6 s to
    # load each time).
    from graph.engines.falkordb_server import EmbeddedFalkorDB
    from graph.engines.neo4j_local import LocalNeo4j

    server: EmbeddedFalkorDB | LocalNeo4j | None = None
    # uvicorn stops on SIGTERM, then raises the signal again once it has returned (0.29+):
    # with the default action the process died there, before the ``finally`` below, and the
    # database it started lived on, orphaned (tester24). SIGTERM now ends it by SystemExit,
    # which runs the ``finally``; a SIGTERM while the snapshot is written too.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if args.workers > 1 or settings.pathway_snapshot_dir is not None:
        if settings.graph_uri == "embedded":
            server = EmbeddedFalkorDB(settings.data_dir)
        elif settings.graph_uri == "neo4j-local":
            server = LocalNeo4j(settings.data_dir / "neo4j")
    if server is not None:
        server.start()
    try:
        _snapshot_before_serving(settings)
        if args.workers <= 1:
            uvicorn.run(
                create_app(settings),
                host=settings.host,
                port=settings.port,
                log_level="info",
                http=HeaderTimeoutProtocol,
                loop=LOOP,
            )
        else:
            _run_workers(settings, args.workers)
    finally:
        if server is not None:
            server.stop()
    return 0


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)


# a writer of the pathway cache's snapshot still running then is stopped, and the workers
# read the database (~5 s of CPU at national size: minutes only on a machine far too loaded)
SNAPSHOT_WAIT_S = 300.0


def _snapshot_before_serving(settings: Settings) -> None:
    """Write the pathway cache's snapshot of the graph's version before any worker starts,
    when there is none (graph/pathways/snapshot.py): the workers then read it (~0.8 s of CPU
    at national size) instead of the database (~3.4 s). Written by a child process that
    serves nothing, started fresh (spawn): this process, a worker itself with ``--workers
    1``, keeps none of the preload's memory; a worker that wrote while it served answered
    slowly meanwhile (docs/performance.md, snap23). Nothing is written when the snapshots are
    off, the database cannot be reached or the store cannot name its version; a writer that
    fails or takes longer than ``SNAPSHOT_WAIT_S`` only costs the workers their shortcut."""
    directory = settings.pathway_snapshot_dir
    if directory is None:
        return
    import multiprocessing
    import time

    from graph.pathways.data import snapshot_path

    try:
        with _store(settings) as store:
            path = snapshot_path(store, directory)
    except GraphError:  # the database not up: the workers say so (/health) and retry
        return
    if path is None or path.is_file():
        return
    print("cache des parcours : préparation pour les serveurs…", flush=True)
    started = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(
        target=_write_snapshot_child, args=(settings,), name="cmq-pathway-snapshot"
    )
    child.start()
    try:
        child.join(SNAPSHOT_WAIT_S)
    finally:
        if child.is_alive():
            child.terminate()
            child.join(10)
    if path.is_file():
        print(
            f"cache des parcours prêt en {_seconds_fr(time.perf_counter() - started)}", flush=True
        )
    else:
        print(
            "cache des parcours non préparé : les serveurs le liront dans la base de données",
            file=sys.stderr,
            flush=True,
        )


def _write_snapshot_child(settings: Settings) -> None:
    """The child process of :func:`_snapshot_before_serving`."""
    from graph.pathways.data import write_snapshot

    directory = settings.pathway_snapshot_dir
    assert directory is not None
    with _store(settings) as store:
        write_snapshot(store, directory)


def _write_snapshot(store: GraphStore, settings: Settings) -> str | None:
    """After ``cmq load`` or ``cmq import`` has written: the pathway cache's snapshot of the
    version it leaves, written by this process, which serves nothing (the next ``cmq serve``'s
    workers read it: graph/pathways/snapshot.py); what to tell the user, None when the
    snapshots are off. Not part of the import's own timings (bench/import_national.py
    measures it apart)."""
    directory = settings.pathway_snapshot_dir
    if directory is None:
        return None
    import time

    from graph.pathways.data import write_snapshot

    started = time.perf_counter()
    try:
        path = write_snapshot(store, directory)
    except GraphError:
        path = None
    if path is None:
        return "cache des parcours non préparé : les serveurs le liront dans la base de données"
    took = _seconds_fr(time.perf_counter() - started)
    return f"cache des parcours préparé pour les serveurs en {took}"


def _seconds_fr(seconds: float) -> str:
    return f"{seconds:.1f} s".replace(".", ",")


def _run_workers(settings: Settings, workers: int) -> None:
    """uvicorn's multi-process mode, on a listening socket we create ourselves.

    uvicorn binds that socket with protocol 0, and asyncio only sets TCP_NODELAY on accepted
    sockets whose protocol is IPPROTO_TCP: with ``uvicorn --workers N`` every answer on a
    keep-alive connection waited for the client's delayed ACK (a fixed 40-48 ms per request,
    measured with bench/load.py: 83 requests/s with 2 workers against 433 with 1).
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from api.http_protocol import LOOP, HeaderTimeoutProtocol

    config = uvicorn.Config(
        "api.main:app_factory",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level="info",
        http=HeaderTimeoutProtocol,
        loop=LOOP,
    )
    Multiprocess(config, sockets=[listening_socket(settings.host, settings.port)]).run()


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to (host, port), inheritable by worker processes, whose protocol is
    IPPROTO_TCP so that asyncio sets TCP_NODELAY on the connections it accepts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from graph.ingest.seed_loader import build_statements
    from graph.ingest.seeds import load_seed_dir

    seeds = load_seed_dir(Path(args.path))
    _, summary = build_statements(seeds)
    print(f"{args.path} : {summary.files} fichier(s) valide(s)")
    print(_table(sorted(summary.nodes.items()), ["nœuds", "nombre"]))
    print(_table(sorted(summary.relationships.items()), ["relations", "nombre"]))
    return 0


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    from graph.ingest.seed_loader import load_seeds
    from graph.ingest.seeds import load_seed_dir

    seeds = load_seed_dir(Path(args.path))  # validates everything before opening the database
    with _store(settings) as store:
        if args.if_empty and queries.node_counts(store):
            # A restart of a deployed app must not put edited seed records back as they were.
            print(f"le graphe contient déjà des données : {args.path} non chargé (--if-empty)")
            return 0
        summary = load_seeds(store, seeds)
        counts = queries.node_counts(store)
        cache = _write_snapshot(store, settings)
    print(
        f"{summary.files} fichier(s) de données des campus chargé(s) depuis {args.path} "
        f"dans {settings.engine}"
    )
    print(_table(sorted(counts.items()), ["étiquette", "nœuds dans le graphe"]))
    if cache is not None:
        print(cache)
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from graph.ingest.opendata import run_import
    from graph.ingest.opendata.progress import Progress, Silent
    from graph.ingest.opendata.report import write_report

    departements = args.departements.split(",") if args.departements else None
    progress = Silent() if args.quiet or args.json else Progress()
    with _store(settings) as store:
        summary = run_import(
            store,
            Path(args.path),
            departements=departements,
            dry_run=args.dry_run,
            progress=progress,
            strict=args.strict,
            as_of=args.as_of,
            **({} if args.max_rejected is None else {"max_rejected": args.max_rejected / 100}),
        )
        cache = None if args.dry_run else _write_snapshot(store, settings)
    if args.report:
        write_report(summary, Path(args.report))
    if args.json:
        _dump(summary.to_dict())
    elif not args.quiet:
        print(summary.format_text())
        if cache is not None:
            print(cache)
    if args.dry_run and not args.json:
        print("\nessai à blanc : rien n'a été écrit")
    return 0


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"pas une date (AAAA-MM-JJ) : {value!r}") from None


def _percentage(value: str) -> float:
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"pas un pourcentage : {value!r}") from None
    if not 0 <= v <= 100:
        raise argparse.ArgumentTypeError(f"un pourcentage est compris entre 0 et 100 : {value!r}")
    return v


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    with _store(settings) as store:
        nodes = queries.node_counts(store)
        rels = queries.relationship_counts(store)
    if args.json:
        _dump({"nodes": nodes, "relationships": rels})
        return 0
    print(_table(sorted(nodes.items()), ["étiquette", "nombre"]))
    print()
    print(_table(sorted(rels.items()), ["relation", "nombre"]))
    return 0


def cmd_campuses(args: argparse.Namespace, settings: Settings) -> int:
    with _store(settings) as store:
        if args.id:
            campus = queries.get_campus(store, args.id)
            if args.json:
                _dump(campus.model_dump())
                return 0
            print(f"{campus.name} ({campus.id})\n{campus.industry}\n")
            print(
                _table(
                    [(m.id, m.kind, m.role, m.commune) for m in campus.members],
                    ["membre", "type", "rôle", "commune"],
                )
            )
            return 0
        rows = queries.list_campuses(store)
    if args.json:
        _dump([r.model_dump() for r in rows])
        return 0
    print(
        _table(
            [
                (
                    c.id,
                    c.short_name,
                    c.region,
                    c.members,
                    c.actors,
                    c.offers,
                    f"{c.min_level}-{c.max_level}" if c.min_level else "",
                )
                for c in rows
            ],
            ["id", "campus", "région", "membres", "acteurs", "offres", "niveaux"],
        )
    )
    return 0


def cmd_actors(args: argparse.Namespace, settings: Settings) -> int:
    with _store(settings) as store:
        page = queries.list_actors(
            store,
            kind=args.kind,
            campus=args.campus,
            departement=args.departement,
            q=args.q,
            limit=args.limit,
        )
    if args.json:
        _dump(page.model_dump())
        return 0
    print(
        _table(
            [(a.id, a.kind, a.name, a.uai, a.commune) for a in page.items],
            ["id", "type", "nom", "uai", "commune"],
        )
    )
    print(f"\n{len(page.items)} sur {page.total}")
    return 0 if page.items else 1


def cmd_diploma(args: argparse.Namespace, settings: Settings) -> int:
    with _store(settings) as store:
        d = queries.get_diploma(store, args.code.upper())
    if args.json:
        _dump(d.model_dump())
        return 0
    kind = TYPE_FR.get(d.type, d.type)
    level = f", {level_fr(d.level)}" if d.level is not None else ""
    print(f"{d.code}  {d.name}  ({kind}{level})\n")
    print(
        _table(
            [
                (
                    o.name,
                    o.commune,
                    MODALITY_FR.get(o.modality or "", ""),
                    OFFER_STATUS_FR.get(o.status, o.status),
                    o.capacity,
                )
                for o in d.offers
            ],
            ["proposé par", "commune", "modalité", "état", "places"],
        )
    )
    if d.next:
        print("\nmène à :")
        print(
            _table(
                # the public code and French words: a passerelle's id is internal
                [(n.code, n.name, n.level, passerelle_fr(n.kind, n.origin)) for n in d.next],
                ["code", "diplôme", "niv.", "passerelle"],
            )
        )
    return 0


def cmd_passerelles(args: argparse.Namespace, settings: Settings) -> int:
    with _store(settings) as store:
        page = queries.list_passerelles(store, campus=args.campus, limit=500)
    if args.json:
        _dump(page.model_dump())
        return 0
    print(
        _table(
            [
                (
                    p.id,
                    p.kind,
                    ",".join(p.from_codes),
                    ",".join(p.to_codes),
                    p.entrant_share,
                    p.reserved_share,
                )
                for p in page.items
            ],
            ["id", "type", "de", "vers", "part entrante", "part réservée"],
        )
    )
    return 0


def cmd_pathways(args: argparse.Namespace, settings: Settings) -> int:
    from graph.pathways import PathwayRequest, build_query, find_pathways

    fields = {
        "from": args.from_,
        "from_level": args.from_level,
        "sector": args.sector,
        "job": args.job,
        "home": args.home,
        "to": args.to,
        "to_type": args.to_type,
        "to_level": args.to_level,
        "campus": args.campus,
        "departements": args.departements,
        "region": args.region,
        "near": args.near,
        "radius_km": args.radius_km,
        "allow_outside": args.allow_outside,
        "modality": args.modality,
        "max_steps": args.max_steps,
        "limit": args.limit,
    }
    req = PathwayRequest.model_validate({k: v for k, v in fields.items() if v is not None})
    with _store(settings) as store:
        answer = find_pathways(store, build_query(store, req))
    if args.json:
        _dump(answer.model_dump())
        return 0
    print(f"De : {answer.start}\nVers : {answer.goal}\nTerritoire : {answer.territory}\n")
    for notice in answer.notices:
        print(notice)
    if answer.unreached_goals is not None:  # the answer is partial (graph/pathways/partial.py)
        print(f"Réponse partielle : {answer.unreached_goals.sentence}")
    if not answer.pathways:
        print(answer.reason)
        return 1
    for p in answer.pathways:
        km = f", {p.travel_km:.0f} km" if p.travel_km is not None else ""
        print(f"#{p.rank}  score {p.score.total:.1f}{km}")
        rows = []
        for st in p.steps:
            chosen = next((o for o in st.offers if o.chosen), None)
            place = None
            if chosen:
                dep = departement_place(chosen.departement) if chosen.departement else None
                place = chosen.commune or dep or "lieu inconnu"
            # a start without a code is the end of 3e: no diploma held
            held = "(diplôme de départ)" if st.code else "(point de départ)"
            where = f"{chosen.actor_name} ({place})" if chosen else held
            rows.append(
                (
                    st.index,
                    st.code,
                    st.name[:48],
                    st.level,
                    passerelle_fr(st.passerelle.kind, st.passerelle.origin)
                    if st.passerelle
                    else "",
                    where[:52],
                    MODALITY_FR.get(chosen.modality or "", "") if chosen else "",
                    ""
                    if not chosen or chosen.distance_km is None
                    else f"{chosen.distance_km:.0f} km",
                    "hors territoire" if st.outside_territory else "",
                )
            )
        print(
            _table(
                rows,
                [
                    "#",
                    "code",
                    "diplôme",
                    "niv.",
                    "passerelle",
                    "établissement",
                    "modalité",
                    "distance",
                    "",
                ],
            )
        )
        for line in p.score.explanation:
            print(f"   - {line}")
        print()
    print(f"{answer.count} parcours trouvés, {len(answer.pathways)} affichés.")
    return 0


def cmd_gaps(args: argparse.Namespace, settings: Settings) -> int:
    from graph.gaps import GapRequest, build_report, report_csv

    fields = {
        "campus": args.campus,
        "departements": args.departements,
        "region": args.region,
        "sector": args.sector,
        "near": args.near,
        "radius_km": args.radius_km,
        "limit": args.limit,
    }
    req = GapRequest.model_validate({k: v for k, v in fields.items() if v is not None})
    with _store(settings) as store:
        report = build_report(store, req)
    if args.json:
        _dump(report.model_dump())
        return 0
    if args.csv:
        sys.stdout.write(report_csv(report, args.csv))
        return 0
    print(f"Manques — {report.territory}" + (f", filière {report.sector}" if report.sector else ""))
    for sec in report.sections:
        shown = len(sec.findings)
        count = f"{shown} sur {sec.total}" if shown < sec.total else str(sec.total)
        print(f"\n== {sec.title} ({count})\n   {sec.description}")
        for f in sec.findings:
            print(f"  [{f.severity}] {f.title}\n      {f.why}")
        if sec.note:
            print(f"   Remarque : {sec.note}")
    return 0


def cmd_reset(args: argparse.Namespace, settings: Settings) -> int:
    if not args.yes:
        print("refus de supprimer le graphe sans --yes", file=sys.stderr)
        return 2
    with _store(settings) as store:
        store.drop_all()
    print("graphe supprimé")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    import io

    from graph.ingest.backup import export_graph

    with _store(settings) as store:
        if args.file in (None, "-"):
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
            try:
                summary = export_graph(store, out)
            finally:
                out.flush()
                out.detach()
            where = "la sortie standard"
        else:
            # Written next to the target, renamed at the end: a failed export leaves no file.
            path = Path(args.file)
            partial = path.with_name(path.name + ".partial")
            try:
                with partial.open("w", encoding="utf-8", newline="\n") as fh:
                    summary = export_graph(store, fh)
                partial.replace(path)
            except OSError as exc:
                print(
                    f"erreur : impossible d'écrire {path} : {exc.strerror or exc}", file=sys.stderr
                )
                return 2
            finally:
                partial.unlink(missing_ok=True)
            where = str(path)
    print(
        f"{summary.total_nodes} nœuds et {summary.total_relationships} relations exportés "
        f"de {settings.engine} vers {where}",
        file=sys.stderr,
    )
    return 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    import io

    from graph.ingest.backup import read_backup, restore_backup

    # The whole file is checked before the database is opened.
    if args.file == "-":
        backup = read_backup(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n"))
    else:
        try:
            with open(args.file, encoding="utf-8", newline="\n") as fh:
                backup = read_backup(fh)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"erreur : impossible de lire {args.file} : {exc}", file=sys.stderr)
            return 2
    s = backup.summary
    what = f"{s.total_nodes} nœuds et {s.total_relationships} relations"
    if not args.yes:
        print(
            f"{args.file} : sauvegarde valide ({what}, exportée le {s.exported_at} "
            f"depuis {s.engine}). "
            "La restauration remplace tout le graphe : relancez avec --yes",
            file=sys.stderr,
        )
        return 2
    with _store(settings) as store:
        restore_backup(store, backup)
    print(f"{what} restaurés depuis {args.file} dans {settings.engine}")
    return 0


class _FrenchHelpFormatter(argparse.HelpFormatter):
    """argparse's help with a French « utilisation : » line (argparse has no French catalogue)."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words (usage, section titles, -h, errors) are French."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments positionnels"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {argparse_message_fr(message)}\n")


_ARGPARSE_FR = (  # argparse's own error wording (Python 3.11-3.13), first match wins
    (re.compile(r"^the following arguments are required: (.*)$"), r"arguments requis : \1"),
    (re.compile(r"^unrecognized arguments: (.*)$"), r"arguments inconnus : \1"),
    (
        re.compile(r"^argument (.*?): invalid choice: (.*?) \(choose from (.*)\)$"),
        r"argument \1 : choix invalide : \2 (choisir parmi \3)",
    ),
    (
        re.compile(r"^argument (.*?): invalid (\w+) value: (.*)$"),
        r"argument \1 : valeur invalide (\2) : \3",
    ),
    (re.compile(r"^argument (.*?): expected one argument$"), r"argument \1 : une valeur attendue"),
    (
        re.compile(r"^argument (.*?): not allowed with argument (.*)$"),
        r"argument \1 : incompatible avec l'argument \2",
    ),
    (re.compile(r"^argument (.*?): (.*)$"), r"argument \1 : \2"),
)


def argparse_message_fr(message: str) -> str:
    """argparse's error message in French where its wording is known (else left as it is)."""
    for pattern, french in _ARGPARSE_FR:
        if pattern.match(message):
            return pattern.sub(french, message)
    return message


def _modality(value: str) -> str:
    """``--modality``: the French words the API accepts (graph/modality_words.py, the same
    parser), or the API's values; an unknown word is said in French."""
    read = pathway_modality(value)
    if read not in PATHWAY_MODALITIES:
        raise argparse.ArgumentTypeError(
            f"voie inconnue « {value} » : scolaire, apprentissage (ou alternance), continue "
            "(formation continue) ou toutes"
        )
    return str(read)


def build_parser() -> argparse.ArgumentParser:
    p = FrenchArgumentParser(
        prog="cmq",
        description="cmq-graph : les Campus des Métiers et des Qualifications en graphe de "
        "propriétés.",
        epilog="La base de données est choisie par CMQ_GRAPH_URI (par défaut : FalkorDB embarqué "
        "dans CMQ_DATA_DIR=.cmq-data). Exemple : cmq load seeds/ && cmq serve",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMANDE", title="commandes")

    def add(
        name: str, fn: Callable[[argparse.Namespace, Settings], int], help: str
    ) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        sp.set_defaults(func=fn)
        return sp

    sp = add("serve", cmd_serve, "Sert l'API HTTP et l'interface web.")
    sp.add_argument("--host", help="interface d'écoute (par défaut CMQ_HOST ou 127.0.0.1)")
    sp.add_argument("--port", type=int, help="port (par défaut CMQ_PORT ou 8000)")
    sp.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processus de travail (les réglages viennent alors de l'environnement seul)",
    )
    sp.add_argument(
        "--demo-public",
        action="store_true",
        help="permet le mode démo (CMQ_DEMO) sur une interface publique : chacun peut alors "
        "modifier",
    )

    sp = add(
        "load",
        cmd_load,
        "Vérifie les fichiers de données des campus, puis les charge d'un seul coup "
        "(tout ou rien).",
    )
    sp.add_argument(
        "path",
        metavar="CHEMIN",
        help="un répertoire de données des campus (tous ses *.toml) ou un fichier .toml",
    )
    sp.add_argument(
        "--if-empty",
        action="store_true",
        help="ne charge que dans un graphe vide (démarrage du conteneur : les modifications "
        "survivent aux redémarrages)",
    )

    sp = add(
        "validate",
        cmd_validate,
        "Vérifie les fichiers de données des campus sans toucher à la base.",
    )
    sp.add_argument(
        "path", metavar="CHEMIN", help="un répertoire de données des campus ou un fichier .toml"
    )

    sp = add(
        "import",
        cmd_import,
        "Importe les données publiques ouvertes (diplômes de la BCN, annuaires, offres) en une "
        "fois, ou rien.",
    )
    sp.add_argument("source", choices=["opendata"], help="ce qu'il faut importer (opendata)")
    sp.add_argument(
        "path", metavar="CHEMIN", help="répertoire des fichiers publics (voir docs/import.md)"
    )
    sp.add_argument(
        "--departements", help="seulement ces départements, par ex. 12,46 (préfixe de l'UAI)"
    )
    sp.add_argument("--dry-run", action="store_true", help="lit et vérifie, n'écrit rien")
    sp.add_argument("--quiet", action="store_true", help="ni barre de progression, ni bilan")
    sp.add_argument("--json", action="store_true", help="affiche le bilan en JSON")
    sp.add_argument(
        "--report",
        metavar="FICHIER",
        help="écrit chaque ligne rejetée ou ignorée (fichier, ligne, motif) dans FICHIER : "
        ".json ou .csv",
    )
    sp.add_argument(
        "--strict",
        action="store_true",
        help="s'arrête à la première ligne d'identifiant invalide, sans nom ou située à l'étranger",
    )
    sp.add_argument(
        "--max-rejected",
        type=_percentage,
        metavar="POURCENT",
        help="s'arrête sans rien écrire si un fichier a plus de POURCENT %% de lignes rejetées "
        "(par défaut 5)",
    )

    sp.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="AAAA-MM-JJ",
        help="juge les dates de fermeture de la BCN à ce jour (par défaut : aujourd'hui) : un "
        "diplôme fermé à cette date n'est jamais proposé comme ouvert, sa rénovation l'est, là "
        "où il était préparé",
    )

    sp = add("stats", cmd_stats, "Compte les nœuds par étiquette et les relations par type.")
    sp.add_argument("--json", action="store_true")

    sp = add("campuses", cmd_campuses, "Liste les campus, ou montre les membres d'un campus.")
    sp.add_argument(
        "id", nargs="?", metavar="ID", help="identifiant du campus, par ex. mecanic-vallee"
    )
    sp.add_argument("--json", action="store_true")

    sp = add("actors", cmd_actors, "Cherche des acteurs.")
    sp.add_argument("--kind")
    sp.add_argument("--campus")
    sp.add_argument("--departement", help="code à 3 caractères, par ex. 012")
    sp.add_argument("--q", help="texte dans le nom (sans tenir compte des accents), ou une UAI")
    sp.add_argument("--limit", type=int, default=50)
    sp.add_argument("--json", action="store_true")

    sp = add("diploma", cmd_diploma, "Montre un diplôme, où il est proposé et où il mène.")
    sp.add_argument("code", help="code CFD ou code propre aux données des campus, par ex. 40025005")
    sp.add_argument("--json", action="store_true")

    sp = add("passerelles", cmd_passerelles, "Liste les passerelles entre formations.")
    sp.add_argument("--campus")
    sp.add_argument("--json", action="store_true")

    sp = add(
        "pathways",
        cmd_pathways,
        "Cherche des parcours classés, par ex. cmq pathways --from 40025005 --to-level 7 "
        "--departements 12,46",
    )
    sp.add_argument("--from", dest="from_", metavar="CODE", help="diplôme obtenu ou préparé")
    sp.add_argument(
        "--from-level",
        type=int,
        help="niveau atteint (3-8 ; 2 : fin de 3e, pas encore de diplôme), au lieu de --from",
    )
    sp.add_argument(
        "--sector", help="identifiant de filière ou code ROME (domaine de départ, ou métier visé)"
    )
    sp.add_argument("--job", help="métier visé : code ROME ou identifiant de filière")
    sp.add_argument("--to", help="code du diplôme visé")
    sp.add_argument("--to-type", help="type du diplôme visé, par ex. ingenieur, bts, licence_pro")
    sp.add_argument("--to-level", type=int, help="niveau visé (3-8)")
    sp.add_argument(
        "--home", help="commune de l'apprenant : nom, code postal, code INSEE, ou lat,lon"
    )
    sp.add_argument("--campus", help="territoire : un identifiant de campus")
    sp.add_argument(
        "--departements", help="territoire : liste séparée par des virgules, par ex. 12,46"
    )
    sp.add_argument("--region", help="territoire : code de région, par ex. 76")
    sp.add_argument(
        "--near",
        help="centre du territoire : nom de commune, code postal, code INSEE, ou lat,lon "
        "(avec --radius-km)",
    )
    sp.add_argument("--radius-km", type=float, help="rayon autour de --near, en km")
    sp.add_argument(
        "--allow-outside",
        action="store_true",
        help="garde les étapes hors du territoire, signalées",
    )
    sp.add_argument(
        "--modality",
        type=_modality,
        metavar="VOIE",
        help="voie de formation : scolaire, apprentissage (ou alternance), continue (formation "
        "continue) ou toutes (par défaut)",
    )
    sp.add_argument(
        "--max-steps", type=int, default=4, help="nombre d'étapes au plus (par défaut : 4)"
    )
    sp.add_argument(
        "--limit", type=int, default=5, help="nombre de parcours montrés (par défaut : 5)"
    )
    sp.add_argument("--json", action="store_true", help="écrit la réponse en JSON")

    sp = add(
        "gaps",
        cmd_gaps,
        "Manques pour les équipes des campus, par ex. cmq gaps --campus mecanic-vallee",
    )
    sp.add_argument("--campus")
    sp.add_argument("--departements", help="liste séparée par des virgules, par ex. 12,46")
    sp.add_argument("--region")
    sp.add_argument("--sector", help="se limite à une filière (identifiant)")
    sp.add_argument(
        "--near", help="nom de commune, code postal, code INSEE, ou lat,lon (avec --radius-km)"
    )
    sp.add_argument("--radius-km", type=float, help="rayon autour de --near, en km")
    sp.add_argument("--limit", type=int, default=20, help="constats par section")
    out = sp.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument(
        "--csv",
        metavar="SECTION",
        choices=[
            "continuum_breaks",
            "dead_ends",
            "unmet_demand",
            "isolated_actors",
            "suggested_partnerships",
            "brokers",
        ],
        help="affiche une section en CSV",
    )

    sp = add("reset", cmd_reset, "Supprime tout le graphe.")
    sp.add_argument("--yes", action="store_true", help="confirme")

    sp = add(
        "export",
        cmd_export,
        "Sauvegarde tout le graphe en lignes JSON (format : docs/backup.md), par ex. "
        "cmq export backup.jsonl",
    )
    sp.add_argument(
        "file",
        nargs="?",
        metavar="FICHIER|-",
        help="fichier de sortie (par défaut : la sortie standard)",
    )

    sp = add(
        "restore",
        cmd_restore,
        "Remplace tout le graphe par une sauvegarde faite par cmq export (vérifiée d'abord ; "
        "tout ou rien).",
    )
    sp.add_argument(
        "file",
        metavar="FICHIER|-",
        help="un fichier écrit par cmq export (- pour l'entrée standard)",
    )
    sp.add_argument("--yes", action="store_true", help="confirme : remplace le graphe")
    return p


_LINE = re.compile(r"\bline (\d+)")


def seed_error_fr(exc: SeedError) -> str:
    """Where a seed or public file is wrong, in French: file, record (« ligne N »), field. The
    message itself is the rule's own wording."""
    record = _LINE.sub(r"ligne \1", exc.record.replace("(header)", "(en-tête)"))
    record = "fichier" if record == "file" else record  # the whole file (too many rejected)
    field = f", champ '{exc.field}'" if exc.field else ""
    return f"{exc.path} : {record}{field} : {exc.message}"


def backup_error_fr(exc: BackupError) -> str:
    """Where a backup file is wrong, in French: line and field, then the rule's own wording."""
    if exc.line is None:
        return exc.message
    field = f", champ '{exc.field}'" if exc.field else ""
    return f"ligne {exc.line}{field} : {exc.message}"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return args.func(args, settings)
    except SeedError as exc:
        print(f"erreur : {seed_error_fr(exc)}", file=sys.stderr)
        return 2
    except NotFound as exc:
        hint = f" — vouliez-vous dire : {', '.join(exc.suggestions)}" if exc.suggestions else ""
        print(f"erreur : {exc.said}{hint}", file=sys.stderr)
        return 1
    except ValidationError as exc:  # the same request models as the API
        msg = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'requête'} : {e['msg']}" for e in exc.errors()
        )
        print(f"erreur : {msg}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head, less…
        return 0
    except DatabaseUnavailable as exc:
        print(f"erreur : base de données indisponible : {exc}", file=sys.stderr)
        return 3
    except BackupError as exc:
        print(f"erreur : {backup_error_fr(exc)}", file=sys.stderr)
        return 2
    except (GraphError, ValueError) as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
