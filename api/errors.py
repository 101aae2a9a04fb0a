"""Graph errors -> HTTP answers with a JSON body that says what went wrong."""

from __future__ import annotations

import logging
import math
import re

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from graph.communes import (
    CommuneAmbiguous,
    CommuneCodeUnknown,
    CommuneError,
    ReferenceMissing,
)
from graph.errors import (
    Conflict,
    DatabaseUnavailable,
    EditInvalid,
    GraphError,
    InvalidQuery,
    InvalidRequest,
    NotFound,
    SeedError,
)

log = logging.getLogger("cmq.api")


# An absolute path in a driver's message (the embedded database's socket, a data dir): not for
# the public. URLs ("bolt://host") are kept: the slash there follows a colon or a slash.
_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])/[^\s'\",()]+")


def public_reason(exc: BaseException) -> str:
    """An exception's message without the absolute file paths it may name."""
    return _ABSOLUTE_PATH.sub("<fichier>", str(exc))


def _scrub(value: object) -> object:
    """Lone surrogates (a JSON body may carry "\\ud800") -> U+FFFD, and NaN / Infinity (which
    Python's JSON parser accepts) -> their names, so that the answer encodes."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method the API accepts at this path, from its OpenAPI paths: one path may be served
    by several routers (GET /actors in one, POST /actors in another), and Starlette's 405 names
    the methods of the first route only."""
    methods: set[str] = set()
    for template, operations in app.openapi()["paths"].items():
        regex, _, _ = compile_path(template)
        if regex.match(path):
            methods |= {m.upper() for m in operations}
    return sorted(methods)


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:
            allow = allowed_methods(app, request.url.path)
            if allow:
                exc.headers = {**(exc.headers or {}), "Allow": ", ".join(allow)}
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own 422, whose body echoes the input: it must not fail on what it echoes.
        try:
            return await request_validation_exception_handler(request, exc)
        except (UnicodeEncodeError, ValueError):  # ValueError: NaN / Infinity in the input
            detail = _scrub(jsonable_encoder(exc.errors()))
            return JSONResponse(status_code=422, content={"detail": detail})

    @app.exception_handler(CommuneError)
    async def _commune(_: Request, exc: CommuneError) -> JSONResponse:
        # French for the user, a stable code for the interface, the candidates when ambiguous
        body: dict[str, object] = {"detail": exc.message, "code": exc.code}
        if exc.field:
            body["field"] = exc.field
        if isinstance(exc, CommuneAmbiguous):
            body["candidates"] = [
                {"code": c.code, "label": c.display, "commune_code": c.parent or c.code}
                for c in exc.candidates
            ]
        status = 404 if isinstance(exc, CommuneCodeUnknown) else 422
        return JSONResponse(status_code=status, content=_scrub(body))

    @app.exception_handler(ReferenceMissing)
    async def _no_reference(_: Request, exc: ReferenceMissing) -> JSONResponse:
        log.error("%s", exc)
        return JSONResponse(
            status_code=503,
            content={
                "detail": "Le référentiel des communes n'est pas installé sur ce serveur.",
                "code": "referentiel_communes_absent",
            },
        )

    @app.exception_handler(ValidationError)
    async def _model(_: Request, exc: ValidationError) -> JSONResponse:
        # An edit model built in a route from query parameters (DELETE ?source=…) whose own
        # rules are stricter than the parameter's (e.g. a source of spaces, stripped).
        detail = [
            {"loc": ["query", *e["loc"]], "msg": e["msg"], "type": e["type"]}
            for e in exc.errors(include_url=False)
        ]
        return JSONResponse(status_code=422, content={"detail": _scrub(detail)})

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        body: dict[str, object] = {"detail": f"No {exc.what} {exc.key!r} in the graph."}
        if exc.suggestions:
            body["suggestions"] = exc.suggestions
        return JSONResponse(status_code=404, content=body)

    @app.exception_handler(DatabaseUnavailable)
    async def _unavailable(_: Request, exc: DatabaseUnavailable) -> JSONResponse:
        # Both stores word a timeout "query timed out: …" (graph/*_store.py).
        timed_out = str(exc).startswith("query timed out")
        lead = "did not answer in time" if timed_out else "is unavailable"
        log.warning("database %s: %s", "timeout" if timed_out else "unavailable", exc)
        return JSONResponse(
            status_code=503,
            content={"detail": f"The graph database {lead}: {public_reason(exc)}"},
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(SeedError)
    async def _seed(_: Request, exc: SeedError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(Conflict)
    async def _conflict(_: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse(status_code=409, content={"detail": str(exc)})

    @app.exception_handler(EditInvalid)
    async def _edit_invalid(_: Request, exc: EditInvalid) -> JSONResponse:
        return JSONResponse(
            status_code=422,
            content={
                "detail": [{"loc": ["body", exc.field], "msg": exc.message, "type": "value_error"}]
            },
        )

    @app.exception_handler(InvalidQuery)
    async def _invalid(_: Request, exc: InvalidQuery) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    @app.exception_handler(InvalidRequest)
    async def _invalid_request(_: Request, exc: InvalidRequest) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(GraphError)
    async def _graph(_: Request, exc: GraphError) -> JSONResponse:
        log.exception("graph error", exc_info=exc)
        return JSONResponse(status_code=500, content={"detail": "Internal graph error."})
