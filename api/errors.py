"""Graph errors -> HTTP answers with a JSON body that says what went wrong."""

from __future__ import annotations

import logging
import math
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from api.paths import API_PREFIX, unversioned
from api.problems import field_problem, problem, validation_detail
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
    Forbidden,
    GraphError,
    InvalidQuery,
    InvalidRequest,
    NotFound,
    SeedError,
    UntrainedJob,
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
    documented = API_PREFIX + unversioned(path)  # an alias answers like its /v1 path
    for template, operations in app.openapi()["paths"].items():
        regex, _, _ = compile_path(template)
        if regex.match(documented):
            methods |= {m.upper() for m in operations}
    return sorted(methods)


_HTTP_FR = {
    400: "La requête est mal formée.",
    404: "Aucune ressource à cette adresse.",
    405: "Cette méthode n'est pas permise à cette adresse.",
    413: "La requête est trop volumineuse.",
}


def install(app: FastAPI) -> None:
    """Every error answer is a problem document (api/problems.py), declared on every route."""

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            allow = allowed_methods(app, request.url.path)
            if allow:
                headers["Allow"] = ", ".join(allow)
        if exc.status_code == 304 or exc.status_code < 400:
            return await http_exception_handler(request, exc)
        detail = exc.detail if isinstance(exc.detail, str) else ""
        french = _HTTP_FR.get(exc.status_code) if detail in ("", _reason(exc.status_code)) else None
        return problem(
            exc.status_code, french or detail or _reason(exc.status_code), headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc.errors())
        return problem(422, validation_detail(errors), errors=errors)

    @app.exception_handler(CommuneError)
    async def _commune(_: Request, exc: CommuneError) -> JSONResponse:
        # French for the user, a stable code for the interface, the candidates when ambiguous
        candidates = None
        if isinstance(exc, CommuneAmbiguous):
            candidates = [
                {"code": c.code, "label": c.display, "commune_code": c.parent or c.code}
                for c in exc.candidates
            ]
        status = 404 if isinstance(exc, CommuneCodeUnknown) else 422
        return problem(
            status,
            str(_scrub(exc.message)),
            code=exc.code,
            field=exc.field or None,
            candidates=candidates,
        )

    @app.exception_handler(ReferenceMissing)
    async def _no_reference(_: Request, exc: ReferenceMissing) -> JSONResponse:
        log.error("%s", exc)
        return problem(
            503,
            "Le référentiel des communes n'est pas installé sur ce serveur.",
            code="referentiel_communes_absent",
        )

    @app.exception_handler(ValidationError)
    async def _model(_: Request, exc: ValidationError) -> JSONResponse:
        # An edit model built in a route from query parameters (DELETE ?source=…) whose own
        # rules are stricter than the parameter's (e.g. a source of spaces, stripped).
        raw = [{**e, "loc": ["query", *e["loc"]]} for e in exc.errors(include_url=False)]
        errors = _field_errors(raw)
        return problem(422, validation_detail(errors), errors=errors)

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        # a job the ROME reference knows but nothing of the data trains for is an answer (no
        # pathway can reach it), not a wrong code: its own code lets a client show it as one
        code = "job_untrained" if isinstance(exc, UntrainedJob) else None
        return problem(404, exc.said, code=code, suggestions=exc.suggestions or None)

    @app.exception_handler(DatabaseUnavailable)
    async def _unavailable(_: Request, exc: DatabaseUnavailable) -> JSONResponse:
        return unavailable_response(exc)

    @app.exception_handler(SeedError)
    async def _seed(_: Request, exc: SeedError) -> JSONResponse:
        return problem(422, str(exc))

    @app.exception_handler(Conflict)
    async def _conflict(_: Request, exc: Conflict) -> JSONResponse:
        return problem(409, str(exc))

    @app.exception_handler(Forbidden)
    async def _forbidden(_: Request, exc: Forbidden) -> JSONResponse:
        return problem(403, str(exc))

    @app.exception_handler(EditInvalid)
    async def _edit_invalid(_: Request, exc: EditInvalid) -> JSONResponse:
        errors = [{"loc": ["body", exc.field], "msg": exc.message, "type": "value_error"}]
        return problem(422, f"Modification refusée — {exc.field} : {exc.message}", errors=errors)

    @app.exception_handler(InvalidQuery)
    async def _invalid(_: Request, exc: InvalidQuery) -> JSONResponse:
        return problem(400, f"Paramètre refusé : {exc}")

    @app.exception_handler(InvalidRequest)
    async def _invalid_request(_: Request, exc: InvalidRequest) -> JSONResponse:
        return problem(422, str(exc), code="request_not_answerable")

    @app.exception_handler(GraphError)
    async def _graph(_: Request, exc: GraphError) -> JSONResponse:
        log.exception("graph error", exc_info=exc)
        return problem(500, "Erreur interne du serveur. Réessayez plus tard.")


def unavailable_response(exc: DatabaseUnavailable) -> JSONResponse:
    """503 with Retry-After; the technical cause (paths removed) in ``reason``."""
    # Both stores word a timeout "query timed out: …" (graph/engines/*_store.py).
    timed_out = str(exc).startswith("query timed out")
    log.warning("database %s: %s", "timeout" if timed_out else "unavailable", exc)
    detail = (
        "La base de données n'a pas répondu à temps. Réessayez dans quelques instants."
        if timed_out
        else "La base de données ne répond pas pour le moment. Réessayez dans quelques instants."
    )
    return problem(
        503,
        detail,
        code="database_timeout" if timed_out else "database_unavailable",
        headers={"Retry-After": "5"},
        reason=public_reason(exc),
    )


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _field_errors(raw: Any) -> list[dict[str, Any]]:
    """FastAPI's errors as plain JSON (loc, type, ctx, and msg in French), safe to encode (no
    NaN, no lone surrogate, no echo of the input)."""
    out: list[dict[str, Any]] = []
    # a validator's ValueError sits in ctx as the exception itself, which the encoder would
    # turn into {}: its message is the French sentence the caller must read
    raw = [
        {**e, "ctx": {k: str(v) if isinstance(v, Exception) else v for k, v in e["ctx"].items()}}
        if isinstance(e, dict) and isinstance(e.get("ctx"), dict)
        else e
        for e in raw
    ]
    for e in jsonable_encoder(raw, custom_encoder={float: _finite}):
        item: dict[str, Any] = {k: _scrub(e[k]) for k in ("loc", "msg", "type") if k in e}
        if "ctx" in e:
            item["ctx"] = {k: str(_scrub(_text(v))) for k, v in e["ctx"].items()}
        # the caller reads French only: pydantic's msg is English (« Value error, … »)
        item["msg"] = field_problem(item)
        out.append(item)
    return out


def _text(value: object) -> str:
    """A constraint's value for a sentence: 500.0 -> '500'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _finite(value: float) -> object:
    return value if math.isfinite(value) else str(value)
