"""``ETag`` / ``If-None-Match`` on reads, from the graph's version.

Every write bumps the store's version (:meth:`graph.store.GraphStore.version`), and a read's
answer depends only on the graph and the request. So the tag of a GET is the version plus a
digest of the path, the query string and the ``Accept`` header; a client that sends it back
gets ``304 Not Modified`` without the endpoint running, until the next write. ``/health`` (which
reports the database's state) and the web interface's static files (tagged by their own server)
are left alone; so is an engine without a version (Neo4j): no tag, every answer in full.
"""

from __future__ import annotations

import hashlib

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import unavailable_response
from api.paths import unversioned
from graph.errors import DatabaseUnavailable, GraphError

GRAPH_VERSION = "graph_version"  # the key of the version read, in the request's state
UNTAGGED = ("/health", "/app", "/docs", "/redoc", "/openapi.json", "/favicon.ico")


def etag_for(version: str, scope: Scope, accept: str) -> str:
    digest = hashlib.sha256(
        b"\0".join([scope["path"].encode(), scope.get("query_string", b""), accept.encode()])
    ).hexdigest()[:16]
    return f'W/"{version}-{digest}"'


def _matches(if_none_match: str, tag: str) -> bool:
    given = {t.strip() for t in if_none_match.split(",")}
    return "*" in given or tag in given or tag.removeprefix("W/") in given


class ETags:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = unversioned(scope.get("path", ""))
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or path == "/":
            await self.app(scope, receive, send)
            return
        if path.startswith(UNTAGGED):
            await self.app(scope, receive, send)
            return
        store = getattr(scope["app"].state, "store", None)
        try:
            version = await anyio.to_thread.run_sync(store.version) if store else None
        except DatabaseUnavailable as exc:
            # Every tagged route reads the graph: answer now rather than wait for it twice.
            response = unavailable_response(exc)
            await response(scope, receive, send)
            return
        except GraphError:
            version = None  # the endpoint will say what is wrong
        if version is None:
            await self.app(scope, receive, send)
            return
        # the routes may use it instead of reading it again (request.state.graph_version):
        # one version read per request, and the tag names the version the answer is for
        scope.setdefault("state", {})[GRAPH_VERSION] = version
        headers = Headers(scope=scope)
        tag = etag_for(version, scope, headers.get("accept", ""))
        if _matches(headers.get("if-none-match", ""), tag):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [(b"etag", tag.encode()), (b"cache-control", b"no-cache")],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                out = MutableHeaders(scope=message)
                out.setdefault("ETag", tag)
                out.setdefault("Cache-Control", "no-cache")  # revalidate: cheap with the tag
            await send(message)

        await self.app(scope, receive, tagged)
