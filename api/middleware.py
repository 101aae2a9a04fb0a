"""Security headers on every answer (pure ASGI: no per-request task, no body buffering).

- ``Content-Security-Policy``: scripts only from this origin, never inline (a planted name can
  no longer run script even if some code renders it as HTML); no plugin, no ``<base>``, no
  framing (``frame-ancestors``). Images may come from any HTTPS tile server a user sets in the
  web interface's « Paramètres »; styles allow inline ``style`` attributes (map libraries set
  them). The API documentation page (/docs) runs under it too: its Swagger UI files and bootstrap
  script are served from this origin (api/docs_page.py).
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
  ``X-Frame-Options: DENY`` (older browsers), ``Cross-Origin-Opener-Policy: same-origin``.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; connect-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Content-Security-Policy", CSP)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class PlainErrorsAsProblems:
    """Error answers sent as plain text below the app's exception handlers (Starlette's body
    limit sends its 413 itself) are replaced by the problem document of their status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        replaced = False

        async def send_problem(message: Message) -> None:
            nonlocal replaced
            if replaced:
                return  # the plain body is dropped
            if message["type"] == "http.response.start" and message["status"] >= 400:
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/plain"):
                    replaced = True
                    response = problem(message["status"], _PLAIN.get(message["status"], ""))
                    await response(scope, receive, send)
                    return
            await send(message)

        await self.app(scope, receive, send_problem)


_PLAIN = {
    413: "La requête est trop volumineuse (au plus 256 Ko).",
    400: "La requête est mal formée.",
}


class RequestsInFlight:
    """Tells the app's idle collector (``app.state.gc_idle``, graph/gc_idle.py) when each HTTP
    request starts and ends, so that its full collections wait for a quiet moment."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        collector = getattr(scope["app"].state, "gc_idle", None) if "app" in scope else None
        if scope["type"] != "http" or collector is None:
            await self.app(scope, receive, send)
            return
        collector.enter()
        try:
            await self.app(scope, receive, send)
        finally:
            collector.leave()
