"""The FastAPI application: create_app(settings) opens the store in lifespan, closes it after."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse

from api import errors
from api.middleware import SecurityHeaders
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
    passerelles,
    pathways,
    platforms,
    sites,
    sources,
)
from api.static import WebAppFiles
from graph import communes as communes_ref
from graph.engines.factory import open_store
from graph.pathways.data import keep_warm
from graph.settings import Settings, get_settings
from graph.store import GraphStore
from graph.version_watch import VersionWatch

PLACEHOLDER = Path(__file__).resolve().parent.parent / "frontend" / "placeholder"
MAX_BODY_BYTES = 256 * 1024


def create_app(settings: Settings | None = None, *, store: GraphStore | None = None) -> FastAPI:
    """Build the app. A given ``store`` is used as is and left open (tests own it)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store if store is not None else open_store(settings)
        if owned and settings.pathway_preload:
            keep_warm(app.state.store)
        watch = None
        if owned:
            threading.Thread(target=communes_ref.preload, name="cmq-communes", daemon=True).start()
            if settings.version_poll_s > 0:  # follow writes made elsewhere (CLI import)
                watch = VersionWatch(app.state.store, settings.version_poll_s).start()
        app.state.version_watch = watch
        try:
            yield
        finally:
            if watch is not None:
                watch.stop()
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="cmq-graph",
        version="0.1.0",
        summary="Campus des Métiers et des Qualifications as a graph: actors, diplomas, "
        "passerelles, platforms; pathways and gaps.",
        lifespan=lifespan,
        # 413 beyond this (the largest valid edit is ~70 KB): nothing reads a huge body.
        max_body_size=MAX_BODY_BYTES,
        responses={
            400: {"description": "Malformed request or contradictory parameters"},
            413: {"description": f"Request body larger than {MAX_BODY_BYTES // 1024} KB"},
        },
    )
    app.state.settings = settings
    app.add_middleware(SecurityHeaders)
    errors.install(app)
    for module in (
        health,
        campuses,
        communes,
        actors,
        sites,
        diploma_search,
        diplomas,
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
        app.include_router(module.router)
    _mount_frontend(app, settings)
    return app


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
