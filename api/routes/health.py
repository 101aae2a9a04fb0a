from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import SettingsDep, StoreDep
from api.errors import public_reason
from graph import queries
from graph.errors import DatabaseUnavailable
from graph.pathways.data import cache_state
from graph.views import Health, PathwayCache, VersionWatchState

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(request: Request, store: StoreDep, settings: SettingsDep) -> Health | JSONResponse:
    """Checks that the database answers; 503 when it does not (down, or too slow: the query
    timeout applies). No restart of the app is needed: the answer is 200 again as soon as the
    database is back (an embedded database that died is restarted by the store)."""
    try:
        store.ping()
        nodes = queries.node_counts(store)
    except DatabaseUnavailable as exc:
        body = Health(
            status="unavailable", engine=store.engine, database="down", detail=public_reason(exc)
        )
        return JSONResponse(
            status_code=503, content=body.model_dump(), headers={"Retry-After": "5"}
        )
    return Health(
        status="ok",
        engine=store.engine,
        database="up",
        nodes=nodes,
        pathway_cache=PathwayCache(**cache_state(store)),
        version_watch=_watch_state(request),
    )


def _watch_state(request: Request) -> VersionWatchState | None:
    watch = getattr(request.app.state, "version_watch", None)
    if watch is None:
        return None
    return VersionWatchState(interval_s=watch.interval_s, version=watch.seen, changes=watch.changes)
