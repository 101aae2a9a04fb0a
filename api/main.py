"""The FastAPI application: create_app(settings) opens the store in lifespan, closes it after."""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.routing import APIRoute
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

from api import docs_page, errors, openapi
from api.caching import ETags
from api.enum_case import EnumQueryCase
from api.limits import RateLimit, edit_slot, report_slot
from api.middleware import PlainErrorsAsProblems, RequestsInFlight, SecurityHeaders
from api.paths import API_PREFIX
from api.routes import (
    about,
    actors,
    campuses,
    communes,
    coverage,
    diploma_search,
    diplomas,
    edits,
    feeders,
    gaps,
    geo,
    health,
    jobs,
    passerelles,
    pathways,
    platforms,
    prefectures,
    regions,
    sites,
    sources,
)
from api.static import WebAppFiles
from graph import communes as communes_ref
from graph.engines.factory import open_store
from graph.errors import GraphError
from graph.gc_idle import IdleCollector
from graph.gc_pause import gc_paused
from graph.pathways.data import keep_warm, snapshot_path, wait_warm
from graph.settings import Settings, get_settings
from graph.store import GraphStore
from graph.version_watch import VersionWatch, keep_map_warm

PLACEHOLDER = Path(__file__).resolve().parent.parent / "frontend" / "placeholder"
MAX_BODY_BYTES = 256 * 1024
# Costly groups of routes wait for a slot of their own (api/limits.py).
_SLOTS = {
    pathways.__name__: [Depends(report_slot)],
    gaps.__name__: [Depends(report_slot)],
    edits.__name__: [Depends(edit_slot)],
}


def _warm_communes(store: GraphStore, preload: threading.Thread | None) -> None:
    """The commune reference's search maps (graph/communes.py, ~0.8 s of CPU), built once the
    pathway cache's start-up warm-up is done (its preload, then its near thread: wait_warm):
    run beside the preload, the two threads shared the interpreter and the preload took that
    much longer (docs/performance.md, preload19); beside the near thread, the reference's
    short-lived objects kept the worker larger (mem20). A request that needs the reference
    before then builds or waits for it as without a warm-up."""
    if preload is not None:
        wait_warm(store)
    _communes_frozen()


def _communes_frozen() -> None:
    """The commune reference built for the process."""
    # the reference's maps are a few hundred thousand acyclic objects kept for the process:
    # made with the collector paused, then frozen out of its walks, as the pathway cache is
    # (graph/pathways/data.py). Left young, the full collections they set off cost 50-80 ms of
    # CPU each, and the map's warm-up after them walked them again (docs/performance.md, http23)
    with gc_paused():
        communes_ref.preload()
    gc.freeze()


def _has_snapshot(store: GraphStore, directory: Path) -> bool:
    """Whether the pathway cache's snapshot of the graph's version is in ``directory``."""
    try:
        path = snapshot_path(store, directory)
    except GraphError:  # the database not up yet: the preload will say so
        return False
    return path is not None and path.is_file()


log = logging.getLogger(__name__)

# The threads of the app's start-up warm-ups, all named so (graph/pathways/data.py,
# graph/version_watch.py, _warm_communes): an owned store is closed only once they have ended,
# or after SHUTDOWN_WAIT_S. Neo4j's driver must not be closed beside a query (its close() is not
# thread-safe: a connection's buffer in use raised BufferError, and a session whose close()
# failed was reported unclosed later, in another test).
_WARM_UP_THREADS = ("cmq-pathway-", "cmq-communes", "cmq-map-warm")
SHUTDOWN_WAIT_S = 15.0


def wait_for_warm_ups(
    timeout_s: float = SHUTDOWN_WAIT_S, names: tuple[str, ...] = _WARM_UP_THREADS
) -> list[str]:
    """Wait until no warm-up thread (a thread whose name starts with one of ``names``) runs
    (one may start another: the preload starts its near thread), at most ``timeout_s``; the
    names of those still running then."""
    deadline = time.monotonic() + timeout_s
    current = threading.current_thread()
    while True:
        alive = [
            t
            for t in threading.enumerate()
            if t is not current and t.name.startswith(names) and t.is_alive()
        ]
        left = deadline - time.monotonic()
        if not alive or left <= 0:
            return [t.name for t in alive]
        for t in alive:
            t.join(max(0.0, deadline - time.monotonic()))


def create_app(settings: Settings | None = None, *, store: GraphStore | None = None) -> FastAPI:
    """Build the app. A given ``store`` is used as is and left open (tests own it)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store if store is not None else open_store(settings)
        preload = None
        communes = None
        if owned and settings.pathway_preload:
            snapshots = settings.pathway_snapshot_dir
            if snapshots is not None and _has_snapshot(app.state.store, snapshots):
                # the preload will read a snapshot: the commune reference first, whose
                # short-lived objects then leave the holes the cache's fill (after the
                # cache, they took 17 MB more of the worker for good: docs/performance.md,
                # snap23); the database's preload leaves holes of its own, so it goes first
                communes = threading.Thread(
                    target=_communes_frozen, name="cmq-communes", daemon=True
                )
                communes.start()
            # read only: a serving worker never writes a snapshot (api/cli.py writes it first)
            preload = keep_warm(app.state.store, snapshots=snapshots, after=communes)
        watch = None
        if owned and communes is None:  # the start-up warm-ups one after another
            communes = threading.Thread(
                target=_warm_communes,
                args=(app.state.store, preload),
                name="cmq-communes",
                daemon=True,
            )
            communes.start()
        if owned and settings.map_preload:
            keep_map_warm(app.state.store, after=communes)  # last, in a thread
        if owned and settings.version_poll_s > 0:  # follow writes made elsewhere (CLI import)
            watch = VersionWatch(app.state.store, settings.version_poll_s).start()
        app.state.version_watch = watch
        # the collector's full collections while no request is in flight (graph/gc_idle.py)
        idle = None
        if owned and settings.gc_idle_s > 0:
            idle = app.state.gc_idle = IdleCollector(settings.gc_idle_s).start()
        try:
            yield
        finally:
            if idle is not None:
                app.state.gc_idle = None
                idle.stop()
            if watch is not None:
                watch.stop()
            if owned:
                if running := wait_for_warm_ups():
                    log.warning("store closed while warm-ups still run: %s", ", ".join(running))
                app.state.store.close()

    app = FastAPI(
        title="cmq-graph",
        version="0.1.0",
        summary="Campus des Métiers et des Qualifications as a graph: actors, diplomas, "
        "passerelles, platforms; pathways and gaps.",
        lifespan=lifespan,
        # /docs is served from this origin (api/docs_page.py); no ReDoc page (its bundle would
        # come from a CDN too)
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        responses={
            400: {"description": "Malformed request or contradictory parameters"},
            413: {"description": f"Request body larger than {MAX_BODY_BYTES // 1024} KB"},
        },
    )
    app.state.settings = settings
    # The last added is the outermost: headers on every answer, then the rate limit, CORS,
    # compression, and the ETag check nearest to the routes.
    # enum query values in any case (to_type=BTS), nearest to the routes (api/enum_case.py)
    app.add_middleware(EnumQueryCase, api=app)
    # 413 beyond MAX_BODY_BYTES (the largest valid edit is ~70 KB): nothing reads a huge body.
    # Starlette's limit (FastAPI's max_body_size is the same class, but placed outside the
    # app's middleware, where its plain-text 413 could not become a problem document).
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=MAX_BODY_BYTES)
    app.add_middleware(ETags)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    if settings.cors_origins.strip():
        app.add_middleware(
            CORSMiddleware,
            allow_origins=[o.strip() for o in settings.cors_origins.split(",") if o.strip()],
            allow_methods=["GET", "HEAD"],  # reads only: edits stay same-origin
            allow_headers=["Accept", "If-None-Match"],
            expose_headers=["ETag", "Retry-After"],
            max_age=3600,
        )
    app.add_middleware(
        RateLimit, per_minute=settings.rate_limit_per_minute, burst=settings.rate_limit_burst
    )
    app.add_middleware(PlainErrorsAsProblems)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestsInFlight)  # outermost: the whole request counts
    errors.install(app)
    # The pathway search's alias first: the web interface and most clients ask /pathways, which
    # FastAPI matched after every /v1 route (27 routers tried, a quarter of the event loop's
    # CPU in such a request, profiled: docs/performance.md, http26). Its paths match no other
    # route; it is not in the document, whose order stays that of the list below.
    app.include_router(
        pathways.router, dependencies=_SLOTS[pathways.__name__], include_in_schema=False
    )
    for module in (
        health,
        campuses,
        communes,
        prefectures,
        regions,
        actors,
        sites,
        diploma_search,
        diplomas,
        jobs,
        platforms,
        passerelles,
        pathways,
        feeders,
        coverage,
        geo,
        gaps,
        edits,
        about,
        sources,
    ):
        slots = _SLOTS.get(module.__name__, [])
        app.include_router(module.router, prefix=API_PREFIX, dependencies=slots)
        # The paths without the prefix stay as aliases (the web interface, existing clients);
        # the document lists the /v1 ones only.
        if module is not pathways:  # included first, above
            app.include_router(module.router, dependencies=slots, include_in_schema=False)
    _mount_frontend(app, settings)
    openapi.install(app)
    docs_page.install(app, app.openapi_url or "/openapi.json")
    return app


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids for generated clients: the endpoint's name (get_gaps, create_actor),
    not FastAPI's default built from the path and method."""
    return route.name


def _mount_frontend(app: FastAPI, settings: Settings) -> None:
    """Serve the built web interface at /app (same origin as the API); / redirects there."""
    dist = settings.frontend_dir
    root = dist if (dist / "index.html").exists() else PLACEHOLDER
    app.mount("/app", WebAppFiles(directory=root, html=True), name="frontend")

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse(url="/app/")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(root / "favicon.svg", media_type="image/svg+xml")


def app_factory() -> FastAPI:
    """Entry point for ``uvicorn --factory api.main:app_factory``."""
    return create_app()
